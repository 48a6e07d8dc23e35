import * as Y from 'yjs'
import type { LiveMode } from '../../core/liveMode'
import type { SavedPreview } from '../../core/savedPreview'
import { sharedText } from '../../core/schema'
import type { ShareLink } from '../../core/shareLink'
import { cryptoAvailable } from '../../net/roomCrypto'
import { createLiveStore, type LiveActions, type LiveStore } from '../../state/live/liveStore'
import { createSafetyStore, type SafetyActions, type SafetyStore } from '../../state/live/safetyStore'
import { browserStorage, ReplicaIdentity } from './ReplicaIdentity'

export interface OpeningRoomOptions {
  room: string
  link: string
  share: ShareLink
  mode: LiveMode
  code: string
  /** The replica's document, not yet built: its client id and this browser's name for it are shown. */
  clientID: number
  preview: SavedPreview
  password: string | null
}

/** An opening room: nothing can be done until the replica runs (its controls do nothing for these few frames). */
const WAIT: LiveActions & SafetyActions = {
  addNote: () => {},
  updateNote: () => {},
  deleteNote: () => {},
  addToCounter: () => {},
  setOnline: () => {},
  openAnotherReplica: () => {},
  undoChange: () => {},
  dismissNotice: () => {},
  forgetPeer: () => {},
  sendMalformedUpdate: () => {},
  qrCodeSvg: async () => '',
  setName: () => {},
  setMode: () => {},
  inspect: () => {},
  forgetRoom: () => {},
  saveAgain: () => {},
  setPassword: () => {},
  undoPeer: () => {},
  restoreVersion: () => {},
}

/**
 * The stores of a live room that is opening: the same view as the running room, showing what this
 * device saved last time (`SavedPreview`) with the text read-only, while the replica's document is
 * rebuilt from the saved updates. The running room's stores then replace these in the same React
 * tree, so the text area (and its layout of a long text) stays as it is. `destroy()` frees the
 * scratch document that holds the preview's text.
 */
export const openingRoom = (o: OpeningRoomOptions): { live: LiveStore; safety: SafetyStore; destroy(): void } => {
  const identity = new ReplicaIdentity(o.clientID, browserStorage(), Date.now())
  const scratch = new Y.Doc()
  sharedText(scratch).insert(0, o.preview.text)
  const live = createLiveStore({
    room: o.room,
    link: o.link,
    share: o.share,
    mode: o.mode,
    code: o.code,
    clientID: o.clientID,
    color: identity.color,
    name: identity.name,
    // As the running room will: its name card (asked once per browser) must not appear a moment later and push the text down.
    nameAsked: identity.asked,
    sharedText: sharedText(scratch),
    opening: true,
    actions: WAIT,
  })
  live.setState({ notes: o.preview.notes, counter: { value: o.preview.counter.value, own: 0, entries: o.preview.counter.entries } })
  const safety = createSafetyStore(WAIT, { set: o.password !== null, secure: cryptoAvailable() })
  return { live, safety, destroy: () => scratch.destroy() }
}
