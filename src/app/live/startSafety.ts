import * as random from 'lib0/random'
import type * as Y from 'yjs'
import type { OpLog } from '../../core/oplog'
import { createSafetyStore, type SafetyStore } from '../../state/live/safetyStore'
import { RoomPersistence } from './RoomPersistence'

export interface SafetyOptions {
  room: string
  doc: Y.Doc
  log: OpLog
  /** Shows a notice in the live room. */
  notify(level: 'error' | 'warning' | 'info', text: string): void
  /** Marks the log dirty (the live room copies it into its store once per frame). */
  logChanged(): void
  password: { set: boolean; secure: boolean }
  setPassword(password: string): void
}

export interface Safety {
  store: SafetyStore
  /** True for transactions that came from this device's saved copy (not from a peer). */
  isRestoreOrigin(origin: unknown): boolean
  destroy(): void
}

const browserStorage = (): Storage | null => {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}

/**
 * What keeps a live replica's state safe: its copy on this device, and (in later parts) the
 * password, flagged peers and kept versions. Owns every lifecycle it starts.
 */
export const startSafety = (opts: SafetyOptions): Safety => {
  const persistence = new RoomPersistence(
    opts.room,
    opts.doc,
    {
      status: (s) => store.setState({ saved: { state: s.state, reason: s.state === 'unavailable' ? s.reason : null } }),
      problem: (text) => opts.notify('warning', text),
    },
    { indexedDB: globalThis.indexedDB ?? null, storage: browserStorage(), tab: random.uuidv4(), now: () => Date.now() },
  )
  const store = createSafetyStore(
    {
      forgetRoom: () => {
        void persistence.forget().then(() => opts.notify('info', 'This room is no longer saved on this device. This tab keeps its replica until it closes.'))
      },
      saveAgain: () => void persistence.resume(),
      setPassword: (pw) => opts.setPassword(pw),
      undoPeer: () => {},
      restoreVersion: () => {},
    },
    opts.password,
  )
  void persistence.start()
  return {
    store,
    isRestoreOrigin: (origin) => persistence.isOwnOrigin(origin),
    destroy: () => persistence.destroy(),
  }
}
