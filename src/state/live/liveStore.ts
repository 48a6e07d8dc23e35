import type { RelayStatus } from '../../net/RelayLink'
import type * as Y from 'yjs'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { OpLog, LogEntry } from '../../core/oplog'
import type { LiveMode } from '../../core/liveMode'
import type { PendingInfo } from '../../core/pending'
import { NO_PENDING } from '../../core/pending'
import type { NoteView } from '../../core/schema'
import type { ShareLink } from '../../core/shareLink'
import type { StateVector } from '../../core/stateVector'
import type { TreeNode } from '../../core/tree'
import type { SignalingStatus } from '../../net/LiveConnection'
import { NO_NETWORK_POLICY, type NetworkView } from './networkView'
import type { PeerView } from './PeerBook'

/** What the user can do in a live room. Implemented by the app; components only call these. */
export interface LiveActions {
  addNote(): void
  updateNote(id: string, fields: Partial<Omit<NoteView, 'id'>>): void
  deleteNote(id: string): void
  addToCounter(delta: number): void
  setOnline(online: boolean): void
  openAnotherReplica(): void
  dismissNotice(id: number): void
  /** Stops listing a replica that left the room. */
  forgetPeer(clientID: number): void
  /** Sends a deliberately malformed update to the room (a teaching button: watch peers refuse it). */
  sendMalformedUpdate(): void
  /** An SVG QR code of `text` (the qrcode library is loaded on first use). */
  qrCodeSvg(text: string): Promise<string>
  /** Names this replica (cleaned, kept in localStorage); '' keeps the suggested name. */
  setName(raw: string): void
  /** Projector mode hides the diagnostics and shows the shared things large. */
  setMode(mode: LiveMode): void
  /** The inspector tab shown: the room walks the document for the tree and the per-writer counts only while theirs is. */
  inspect(tab: InspectorTab): void
}

export type InspectorTab = 'log' | 'tree' | 'store'

export interface Notice {
  id: number
  level: 'error' | 'warning' | 'info'
  text: string
  time: number
}

/** This replica's own state, recomputed at most once per animation frame. */
export interface SelfView {
  clientID: number
  /** Its name (chosen, or a default such as "Blue 37"). */
  name: string
  color: string
  code: string
  digest: string
  sv: StateVector
  pending: PendingInfo
  writers: Array<{ client: number; ops: number; deleted: number }>
  tree: TreeNode[]
  /** Frames in which the projection was recomputed (for tests and the curious). */
  frames: number
}

export interface LiveState {
  room: string
  /** The link to this room (what "Open another replica" uses). */
  link: string
  /** What Share shows and encodes (the LAN address when this page is on localhost). */
  share: ShareLink
  /** Whether the person has been asked for a name (answered once, in this browser). */
  nameAsked: boolean
  mode: LiveMode
  /**
   * True on a page that joined through a students' link (it carries the teacher's key, and this
   * device does not hold the secret): it offers none of the teacher's controls.
   */
  student: boolean
  signaling: SignalingStatus[]
  /** The relay and its status (null: this replica uses none). */
  relay: RelayStatus | null
  online: boolean
  self: SelfView
  peers: PeerView[]
  notes: NoteView[]
  counter: { value: number; own: number; entries: Array<[string, number]> }
  log: readonly LogEntry[]
  logTotal: number
  notices: Notice[]
  /** The teacher's network policy as it applies to this replica. */
  network: NetworkView
  /** The shared text, bound directly to the text area (the document is the truth; this is a reference). */
  sharedText: Y.Text
  /**
   * True while the page shows what this device saved last time (its preview) and the replica is
   * not running yet: nothing can be edited, and the verdict says the room is opening.
   */
  opening: boolean
  actions: LiveActions
}

export type LiveStore = StoreApi<LiveState>

export interface LiveStoreInit {
  room: string
  link: string
  clientID: number
  color: string
  /** Defaults: "replica <clientID>", asked already, the link itself, normal mode. */
  name?: string
  nameAsked?: boolean
  share?: ShareLink
  mode?: LiveMode
  code: string
  sharedText: Y.Text
  /** Default false (see LiveState.opening). */
  opening?: boolean
  actions: LiveActions
}

export const createLiveStore = (init: LiveStoreInit): LiveStore =>
  createStore<LiveState>()(() => ({
    room: init.room,
    link: init.link,
    share: init.share ?? { link: init.link, note: null, localOnly: false },
    nameAsked: init.nameAsked ?? true,
    mode: init.mode ?? 'normal',
    student: false,
    signaling: [],
    relay: null,
    online: true,
    self: {
      clientID: init.clientID,
      name: init.name ?? `replica ${init.clientID}`,
      color: init.color,
      code: init.code,
      digest: '',
      sv: {},
      pending: NO_PENDING,
      writers: [],
      tree: [],
      frames: 0,
    },
    peers: [],
    notes: [],
    counter: { value: 0, own: 0, entries: [] },
    log: [],
    logTotal: 0,
    notices: [],
    network: NO_NETWORK_POLICY,
    sharedText: init.sharedText,
    opening: init.opening ?? false,
    actions: init.actions,
  }))

let nextNoticeId = 1

/** Adds a notice (newest first, at most 6 kept). Returns its id. */
export const pushNotice = (store: LiveStore, level: Notice['level'], text: string, now: number): number => {
  // Said once: the same words while they are still shown (a refused chunked update, a full
  // storage met by every keystroke) add no second notice.
  const shown = store.getState().notices.find((n) => n.level === level && n.text === text)
  if (shown !== undefined) return shown.id
  const id = nextNoticeId++
  store.setState((s) => ({ notices: [{ id, level, text, time: now }, ...s.notices].slice(0, 6) }))
  return id
}

/** Copies the op log's newest entries into the store when its version moved. */
export const syncLog = (store: LiveStore, log: OpLog): void => {
  store.setState({ log: log.entries().slice(-200), logTotal: log.total })
}
