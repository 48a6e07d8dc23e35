import type { Awareness } from 'y-protocols/awareness'
import { Room } from 'y-webrtc'
import * as Y from 'yjs'
import { farClockClaims } from '../../core/hostile/clockClaims'
import { IdClaims } from '../../core/hostile/IdClaims'
import { isMassDelete, removedBy, visibleSize } from '../../core/hostile/massDelete'
import { PeerUndo } from '../../core/hostile/PeerUndo'
import type { OpLog } from '../../core/oplog'
import { readUser } from '../../core/replicaUser'
import type { LiveConnection } from '../../net/LiveConnection'
import { type PeerFlag, pushFlag, type SafetyStore } from '../../state/live/safetyStore'

export interface PeerWatchOptions {
  doc: Y.Doc
  awareness: Awareness
  connection: () => LiveConnection
  log: OpLog
  store: SafetyStore
  notify(level: 'error' | 'warning' | 'info', text: string): void
  logChanged(): void
  /** Keeps a version of the document as it was just before `tr` (a flagged transaction, called from 'afterTransaction'). */
  keepBefore?(tr: Y.Transaction, label: string): void
}

export interface PeerWatch {
  /** The check the guard runs on every decoded update (far-fetched clocks are refused). */
  screen(decoded: ReturnType<typeof Y.decodeUpdate>): string | null
  undo(clientID: number): void
  /** Reverts one flagged transaction, whoever sent it. */
  undoChange(id: number): void
  destroy(): void
}

/** Writers whose clocks a transaction advanced (other than this replica). */
const writersOf = (tr: Y.Transaction): number[] =>
  [...tr.afterState].filter(([c, clock]) => c !== tr.doc.clientID && clock > (tr.beforeState.get(c) ?? 0)).map(([c]) => c)

/**
 * Sees hostile or broken peers, not just survives them: a remote transaction that deletes most of
 * the document, an update claiming clocks far beyond what its writer has shown (refused), and
 * awareness claiming another replica's client id. Each is flagged in the update log and on the
 * peer's card with who did it; "Undo what this replica did" reverts one replica's changes
 * (`PeerUndo`). Everything it subscribes to is undone by `destroy()`.
 */
export const watchPeers = (opts: PeerWatchOptions): PeerWatch => {
  const { doc, awareness, log, store } = opts
  const nameOf = (clientID: number | null): string => {
    if (clientID === null) return 'a replica that could not be told (it came by BroadcastChannel, untagged)'
    const state = awareness.getStates().get(clientID)
    const user = state === undefined ? null : readUser(clientID, state.user)
    return user === null ? `replica ${clientID}` : `${user.name} (replica ${clientID})`
  }
  const flag = (f: Omit<PeerFlag, 'seq' | 'time' | 'undo'> & { undo?: number | null }, bytes: number) => {
    const time = Date.now()
    pushFlag(store, { ...f, undo: f.undo ?? null, time })
    log.append({ time, dir: 'flagged', peer: f.who, bytes, summary: f.text })
    opts.logChanged()
    opts.notify('error', `${f.who}: ${f.text}`)
  }
  const isRemote = (tr: Y.Transaction) => tr.origin instanceof Room
  const blame = (tr: Y.Transaction): number | null => writersOf(tr)[0] ?? opts.connection().lastUpdateVia?.sender ?? null

  const undo = new PeerUndo(doc, new Set([Room]), (tr) => blame(tr))
  const flaggedChanges = new Set<number>()
  const syncUndoable = () =>
    store.setState({ undoable: undo.undoable(), undoableChanges: [...flaggedChanges].filter((id) => undo.canUndoTransaction(id)) })

  let sizeBefore = 0
  const onBefore = (tr: Y.Transaction) => {
    if (isRemote(tr)) sizeBefore = visibleSize(doc)
  }
  const onAfter = (tr: Y.Transaction) => {
    if (!isRemote(tr)) return
    const removed = removedBy(tr)
    if (isMassDelete(removed, sizeBefore)) {
      const who = blame(tr)
      const change = undo.justRemembered()
      if (change !== null) flaggedChanges.add(change)
      opts.keepBefore?.(tr, `just before ${nameOf(who)} deleted ${removed} of ${sizeBefore} characters and notes`)
      flag(
        {
          kind: 'mass-delete',
          clientID: who,
          who: nameOf(who),
          text: `deleted ${removed} of the ${sizeBefore} characters and notes this replica showed (${Math.round((100 * removed) / sizeBefore)}%). "Undo this change" under "Flagged peers and kept versions" brings them back${who === null ? '' : ', and so does "Undo what this replica did" on its card'}; a version of the document just before it is kept there too.`,
          undo: change,
        },
        0,
      )
      syncUndoable()
    }
    if (store.getState().undoable.length !== undo.undoableCount) syncUndoable()
  }
  doc.on('beforeTransaction', onBefore)
  doc.on('afterTransaction', onAfter)

  // Awareness: someone claiming this replica's client id, or another replica's.
  const claims = new IdClaims()
  let own: Record<string, unknown> | null = awareness.getLocalState()
  let ownClock = awareness.meta.get(doc.clientID)?.clock ?? 0
  const onAwareness = ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
    if (origin === 'local') {
      // A local change one clock after the last is this replica's own. One made on top of a state
      // someone else wrote under this client id (another listener of their claim ran before this
      // one and published a field) starts from their clock: it is not kept as this replica's own.
      const clock = awareness.meta.get(doc.clientID)?.clock ?? 0
      if (clock === ownClock + 1) own = awareness.getLocalState()
      ownClock = clock
      return
    }
    for (const id of [...added, ...updated]) {
      const state = awareness.getStates().get(id) as { replica?: { peerId?: unknown }; user?: unknown } | undefined
      const peerId = typeof state?.replica?.peerId === 'string' ? state.replica.peerId : null
      if (id === doc.clientID) {
        flag({ kind: 'claimed-id', clientID: null, who: `someone${peerId === null ? '' : ` (peer ${peerId.slice(0, 8)})`}`, text: `claims to be this replica (client id ${id}); this replica published itself again.` }, 0)
        if (own !== null) awareness.setLocalState(own)
        continue
      }
      const claim = claims.observe(id, peerId, Date.now())
      if (claim !== null) {
        flag({ kind: 'claimed-id', clientID: id, who: `peer ${claim.claimingPeerId.slice(0, 8)}`, text: `claims client id ${id}, already used by peer ${claim.knownPeerId.slice(0, 8)}: two replicas cannot share one.` }, 0)
      }
    }
  }
  awareness.on('update', onAwareness)

  /**
   * The best clock known for a writer: held here, or published by that writer itself in its own
   * awareness (a newcomer hears live updates before its sync step 2 arrives). Another replica's
   * word for a writer's clocks is not taken: a peer could otherwise vouch for clocks nobody wrote.
   * A writer vouching for itself can still launder a far clock; what it sends then waits parked
   * beside the document, bounded (`parkPending`), and never reaches a newcomer.
   */
  const known = (client: number): number => {
    const k = Y.getState(doc.store, client)
    const v = (awareness.getStates().get(client) as { replica?: { sv?: Record<string, unknown> } } | undefined)?.replica?.sv?.[String(client)]
    return typeof v === 'number' && v > k ? v : k
  }

  return {
    screen: (decoded) => {
      const claims = farClockClaims(decoded, known)
      if (claims.length === 0) return null
      const c = claims[0]
      const text = `an update claims clock ${c.clock} for replica ${c.client}, which has shown only ${c.known}: refused`
      flag({ kind: 'far-clock', clientID: c.client, who: nameOf(c.client), text: `${text} (it would sit pending for ever and make every replica look behind).` }, 0)
      return text
    },
    undo: (clientID) => {
      const n = undo.undo(clientID)
      syncUndoable()
      opts.notify('info', n === 0 ? `Nothing of ${nameOf(clientID)} to undo here.` : `Undid ${n} change${n === 1 ? '' : 's'} from ${nameOf(clientID)}; every replica receives the undo.`)
    },
    undoChange: (id) => {
      const n = undo.undoTransaction(id)
      flaggedChanges.delete(id)
      syncUndoable()
      opts.notify('info', n === 0 ? 'That change is no longer remembered here; restore the version kept just before it instead.' : 'Undid the flagged change; every replica receives the undo.')
    },
    destroy: () => {
      doc.off('beforeTransaction', onBefore)
      doc.off('afterTransaction', onAfter)
      awareness.off('update', onAwareness)
      undo.destroy()
    },
  }
}
