import { observeWidth } from '../widgets/observeWidth'
import { type CSSProperties, type ReactNode, useEffect, useMemo, useRef } from 'react'
import { shortDigest } from '../../core/digest'
import { MAX_REPLICAS } from '../../core/sim'
import type { ReplicaIdentity } from '../../state/lab/labStore'
import { CounterWidget } from '../widgets/CounterWidget'
import { NotesBoardWidget } from '../widgets/NotesBoardWidget'
import { SharedTextBox } from '../widgets/SharedTextBox'
import { useLab } from './labContext'

const NO_NOTES: never[] = []
const BOARD_W = 560
const BOARD_H = 320

/** The notes board at the live room's size, scaled down to the card's width (a CSS variable, no re-render). */
const ScaledBoard = ({ children }: { children: ReactNode }) => {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const el = ref.current!
    const set = (w: number) => el.style.setProperty('--board-scale', String(Math.max(0.2, w / BOARD_W)))
    set(el.clientWidth || BOARD_W / 2)
    return observeWidth(el, set)
  }, [])
  return (
    <div className="replica-notes" ref={ref}>
      {children}
    </div>
  )
}
const NO_ENTRIES: never[] = []
/** A compact card's one-line text box, unless focused, shows deliveries at most this often (32 boxes rewritten per delivery cost more than the engine). */
const COMPACT_TEXT_EVERY_MS = 100

/**
 * One replica, in its colour: its own shared text, counter and notes, editable at any time (the
 * same widgets as the live room), with its digest. While a trace types, the text box gives way
 * to a character count (rewriting eight 100k-character text areas per update would cost more than
 * the replay) and the rest is read-only: a hand edit would break the replay's causality.
 */
export const ReplicaCard = ({ replica, compact = false }: { replica: ReplicaIdentity; compact?: boolean }) => {
  const { id, name, color, clientId } = replica
  const content = useLab((s) => s.content[id])
  const state = useLab((s) => s.states[id])
  const typing = useLab((s) => s.trace?.phase === 'typing')
  const canRemove = useLab((s) => s.replicas.length > 2)
  const actions = useLab((s) => s.actions)
  const noteActions = useMemo(
    () => ({
      addNote: () => actions.addNote(id),
      updateNote: (note: string, fields: Parameters<typeof actions.updateNote>[2]) => actions.updateNote(id, note, fields),
      deleteNote: (note: string) => actions.deleteNote(id, note),
    }),
    [actions, id],
  )
  return (
    <article className={compact ? 'replica-card compact' : 'replica-card'} style={{ '--replica': color } as CSSProperties} aria-label={`Replica ${name}`} data-replica={id}>
      <header className="replica-head">
        <span className="replica-name">{name}</span>
        <span className="replica-meta">
          <span className="mono" title="Yjs client id">
            #{clientId}
          </span>
          {state !== undefined && (
            <span className="mono replica-digest" title={`state digest ${state.digest} · ${state.ops} ops`}>
              {shortDigest(state.digest)}
            </span>
          )}
          {state?.pending && <span className="pill pill-differs">pending</span>}
        </span>
        <button type="button" className="remove-replica" aria-label={`Remove ${name}`} title={`Remove ${name}`} disabled={!canRemove || typing} onClick={() => actions.removeReplica(id)}>
          ×
        </button>
      </header>
      {typing ? (
        <TypingText id={id} name={name} />
      ) : (
        <SharedTextBox text={replica.text} rows={compact ? 1 : 3} className="lab-text" unfocusedEveryMs={compact ? COMPACT_TEXT_EVERY_MS : undefined} />
      )}
      {compact ? (
        <div className="replica-counter compact-extras">
          <CounterWidget value={content?.counter ?? 0} entries={NO_ENTRIES} onAdd={(d) => actions.addToCounter(id, d)} showEntries={false} />
          <span className="muted">{(content?.notes ?? NO_NOTES).length} notes</span>
        </div>
      ) : (
      <fieldset className="replica-extras" disabled={typing}>
        <legend className="sr-only">{name}'s counter and notes</legend>
        <div className="replica-counter">
          <span className="muted">counter</span>
          <CounterWidget value={content?.counter ?? 0} entries={NO_ENTRIES} onAdd={(d) => actions.addToCounter(id, d)} showEntries={false} />
        </div>
        <ScaledBoard>
          <NotesBoardWidget notes={content?.notes ?? NO_NOTES} actions={noteActions} width={BOARD_W} height={BOARD_H} />
        </ScaledBoard>
      </fieldset>
      )}
    </article>
  )
}

/** Stands in for the text box while a trace types: the text's length, re-rendered alone. */
const TypingText = ({ id, name }: { id: number; name: string }) => {
  const length = useLab((s) => s.textLengths[id] ?? 0)
  return (
    <output className="trace-typing" aria-label={`${name} text length`}>
      typing the trace… {length.toLocaleString('en')} characters
    </output>
  )
}

/** Past this many replicas, cards collapse to a compact form: name, digest, a one-line text, the counter. */
export const COMPACT_FROM = 9

/** Cards per row: balanced rows (6 replicas: 3 + 3, not 5 + 1); compact cards fill the width. */
const perRow = (n: number): number => (n <= 4 ? n : n <= 8 ? Math.ceil(n / 2) : n <= 12 ? Math.ceil(n / 2) : 8)

/** Every replica, each in its colour. Remounted with each new run (the documents are new). */
export const ReplicaGrid = () => {
  const replicas = useLab((s) => s.replicas)
  const run = useLab((s) => s.run)
  const actions = useLab((s) => s.actions)
  const typing = useLab((s) => s.trace?.phase === 'typing')
  const compact = replicas.length >= COMPACT_FROM
  return (
    <section className="lab-replicas" aria-labelledby="replicas-title">
      <div className="section-head">
        <h2 id="replicas-title">Replicas</h2>
        <span className="muted">each edits its own copy; type, count, add notes anywhere, any time</span>
        <button type="button" onClick={() => actions.addReplica()} disabled={replicas.length >= MAX_REPLICAS || typing}>
          + Add replica
        </button>
      </div>
      <div className={`replica-grid${compact ? ' compact' : ''}`} key={run} style={{ '--per-row': perRow(replicas.length) } as CSSProperties}>
        {replicas.map((r) => (
          <ReplicaCard key={r.id} replica={r} compact={compact} />
        ))}
      </div>
    </section>
  )
}
