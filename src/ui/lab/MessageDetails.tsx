import type { DropReason, MessageKind, SimMessage } from '../../core/sim'
import { formatTime } from './diagram/diagramLayout'
import { useLab } from './labContext'

const KIND: Record<MessageKind, string> = {
  update: 'update: a Yjs update its writer broadcast',
  'sync-step1': 'sync step 1: the sender’s state vector (what it has)',
  'sync-step2': 'sync step 2: what the asker lacks, and the delete set',
}

const DROP: Record<DropReason, string> = {
  loss: 'lost in transit',
  partition: 'the partition cut it off',
  cut: 'its link was cut',
  removed: 'its receiver was removed',
}

const ms = (t: number) => formatTime(t, 1)

/** What the hovered (or else the clicked) message carries, with its times. */
export const MessageDetails = ({ hovered }: { hovered: number | null }) => {
  const selected = useLab((s) => s.selected)
  const id = hovered ?? selected
  const log = useLab((s) => s.log)
  // While the message is in flight, follow the log so its fate shows when it settles.
  useLab((s) => (id !== null && s.log.messages[id] !== undefined && !s.log.messages[id].settled ? s.logVersion : 0))
  const replicas = useLab((s) => s.replicas)
  const actions = useLab((s) => s.actions)
  const m: SimMessage | undefined = id === null ? undefined : log.messages[id]
  if (m === undefined) {
    return <p className="message-details muted">Point at a message to see what it carries; click to keep it shown.</p>
  }
  const name = (rid: number) => replicas.find((r) => r.id === rid)
  const from = name(m.from)
  const to = name(m.to)
  let fate: string
  if (m.receivedAt !== null) fate = `arrived ${ms(m.receivedAt)}, after ${ms(m.receivedAt - m.sentAt)}`
  else if (m.droppedAt !== null) fate = `dropped ${ms(m.droppedAt)}: ${DROP[m.dropReason ?? 'loss']}`
  else fate = `in flight, due ${ms(m.arriveAt)}`
  return (
    <div className="message-details" aria-live="polite" data-testid="message-details">
      <div className="message-head">
        <strong>
          Message #{m.id} {hovered === null && selected !== null ? '(pinned)' : ''}
        </strong>
        <span className="message-route">
          <span style={{ color: from?.color }}>{from?.name ?? `#${m.from}`}</span> → <span style={{ color: to?.color }}>{to?.name ?? `#${m.to}`}</span>
        </span>
        {hovered === null && selected !== null && (
          <button type="button" className="link small" onClick={() => actions.select(null)}>
            unpin
          </button>
        )}
      </div>
      <dl className="facts small">
        <dt>kind</dt>
        <dd>{KIND[m.kind]}</dd>
        <dt>carries</dt>
        <dd className="mono">{m.summary}</dd>
        <dt>size</dt>
        <dd>{m.bytes} bytes</dd>
        <dt>sent</dt>
        <dd>{ms(m.sentAt)}</dd>
        <dt>fate</dt>
        <dd>{fate}</dd>
        {(m.duplicateOf !== null || m.reordered || m.resendOf !== null || m.rejected !== null) && (
          <>
            <dt>note</dt>
            <dd>
              {[
                m.duplicateOf !== null ? `a network duplicate of #${m.duplicateOf}` : null,
                m.reordered ? 'left its link’s order: later messages overtook it' : null,
                m.resendOf !== null ? `re-sends #${m.resendOf}, which was dropped` : null,
                m.rejected !== null ? `refused at the replica's boundary (${m.rejected}); its document is untouched` : null,
              ]
                .filter((x) => x !== null)
                .join('; ')}
            </dd>
          </>
        )}
      </dl>
    </div>
  )
}
