import * as random from 'lib0/random'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { OpLog } from '../../core/oplog'
import { createSafetyStore, type SafetyStore } from '../../state/live/safetyStore'
import type { LiveConnection } from '../../net/LiveConnection'
import { readUser } from '../../core/replicaUser'
import { pickJournalSlots } from './journalSlots'
import { keepVersions } from './keepVersions'
import { parkPending } from './parkPending'
import { locksOrNull } from './RoomKeeper'
import { RoomPersistence } from './RoomPersistence'
import { watchPeers } from './watchPeers'
import { watchUndecryptable } from './watchUndecryptable'

export interface SafetyOptions {
  room: string
  doc: Y.Doc
  awareness: Awareness
  connection: () => LiveConnection
  log: OpLog
  /** Shows a notice in the live room. */
  notify(level: 'error' | 'warning' | 'info', text: string): void
  /** Marks the log dirty (the live room copies it into its store once per frame). */
  logChanged(): void
  /** The room password this tab was opened with, and whether the browser can use one here. */
  password: { value: string | null; secure: boolean }
  setPassword(password: string): void
  /** Takes the replica off the network (a password it cannot use must not become no password). */
  goOffline(): void
  /** What `readRoomCopy` read from this device before the room started (null: nothing read). */
  saved?: { lastKey: number | null; bytes: number } | null
}

export interface Safety {
  store: SafetyStore
  /** True for transactions that came from this device's saved copy (not from a peer). */
  isRestoreOrigin(origin: unknown): boolean
  /** A message sealed with another password (or none) arrived. */
  undecryptable(sender: number | null): void
  /** The hostile-peer check of every decoded update (for the guard). */
  screen(decoded: ReturnType<typeof Y.decodeUpdate>): string | null
  destroy(): void
}

/** This browser's localStorage, or null where the page may not use it. */
export const localStorageOrNull = (): Storage | null => {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}

/**
 * What keeps a live replica's state safe: its copy on this device, the room password, flagged
 * peers (with undo) and kept versions. Owns every lifecycle it starts.
 */
export const startSafety = (opts: SafetyOptions): Safety => {
  const persistence = new RoomPersistence(
    opts.room,
    opts.doc,
    {
      status: (s) => store.setState({ saved: { state: s.state, reason: s.state === 'unavailable' ? s.reason : null } }),
      problem: (text) => opts.notify('warning', text),
    },
    { indexedDB: globalThis.indexedDB ?? null, storage: localStorageOrNull(), tab: random.uuidv4(), now: () => Date.now(), locks: locksOrNull(), slots: pickJournalSlots(opts.password.value !== null) },
    opts.saved ?? null,
  )
  if (opts.saved && opts.saved.bytes > 0) {
    opts.log.append({ time: Date.now(), dir: 'in', peer: 'saved on this device', bytes: opts.saved.bytes, summary: 'restored this replica as it was saved' })
    opts.logChanged()
  }
  const store = createSafetyStore(
    {
      forgetRoom: () => {
        void persistence.forget().then(() => opts.notify('info', 'This room is no longer saved on this device. This tab keeps its replica until it closes.'))
      },
      saveAgain: () => void persistence.resume(),
      setPassword: (pw) => opts.setPassword(pw),
      undoPeer: (clientID) => peers.undo(clientID),
      undoChange: (id) => peers.undoChange(id),
      restoreVersion: (id) => versions.restore(id),
    },
    { set: opts.password.value !== null, secure: opts.password.secure },
  )
  const peers = watchPeers({ doc: opts.doc, awareness: opts.awareness, connection: opts.connection, log: opts.log, store, notify: opts.notify, logChanged: opts.logChanged, keepBefore: (tr, label) => versions.keepBefore(tr, label) })
  const versions = keepVersions(opts.doc, store, opts.notify)
  const nameOf = (client: number): string => `${readUser(client, opts.awareness.getStates().get(client)?.user).name} (replica ${client})`
  const unpark = parkPending(
    opts.doc,
    (text) => {
      opts.log.append({ time: Date.now(), dir: 'rejected', peer: 'held pending', bytes: 0, summary: text })
      opts.logChanged()
      opts.notify('warning', text)
    },
    nameOf,
  )
  void persistence.start()
  const undecryptable = () => store.setState((s) => ({ password: { ...s.password, undecryptable: s.password.undecryptable + 1 } }))
  const unwatch = opts.password.value === null ? () => {} : watchUndecryptable(undecryptable)
  if (opts.password.value !== null && !opts.password.secure) {
    opts.goOffline()
    opts.notify(
      'error',
      'This link carries a room password, but this page is not a secure context (plain http on a network address), so the browser offers no encryption here. To keep the room private this replica stays offline. Open the room over https or on localhost to use the password.',
    )
  }
  return {
    store,
    isRestoreOrigin: (origin) => persistence.isOwnOrigin(origin),
    undecryptable,
    screen: (decoded) => peers.screen(decoded),
    destroy: () => {
      unwatch()
      unpark()
      peers.destroy()
      versions.destroy()
      persistence.destroy()
    },
  }
}
