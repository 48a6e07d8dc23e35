import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { type Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'

const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const MESSAGE_QUERY_AWARENESS = 3

/** This replica's own awareness state as a y-webrtc message (empty when it has none). */
const SYNC_UPDATE = 2

/** The update inside a y-webrtc sync update message (bytes or an ArrayBuffer) of at most `maxBytes`, or null for any other message. */
export const updateOf = (message: unknown, maxBytes = Number.POSITIVE_INFINITY): Uint8Array | null => {
  const bytes = message instanceof Uint8Array ? message : message instanceof ArrayBuffer ? new Uint8Array(message) : null
  if (bytes === null || bytes.byteLength > maxBytes || bytes[0] !== MESSAGE_SYNC || bytes[1] !== SYNC_UPDATE) return null
  try {
    const d = decoding.createDecoder(bytes)
    decoding.readVarUint(d)
    decoding.readVarUint(d)
    return decoding.readVarUint8Array(d)
  } catch {
    return null
  }
}

/** A y-webrtc sync message carrying one update. */
export const updateMessage = (update: Uint8Array): Uint8Array => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_SYNC)
  syncProtocol.writeUpdate(e, update)
  return encoding.toUint8Array(e)
}

export const ownAwarenessMessage = (awareness: Awareness): Uint8Array | null => {
  if (awareness.getLocalState() === null) return null
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(e, encodeAwarenessUpdate(awareness, [awareness.clientID]))
  return encoding.toUint8Array(e)
}

/** y-webrtc's "tell me who is here" message. */
export const queryAwarenessMessage = (): Uint8Array => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_QUERY_AWARENESS)
  return encoding.toUint8Array(e)
}

/**
 * Reads one room message (already checked) as y-webrtc reads those from a WebRTC peer, for a
 * transport that is not y-webrtc's own (the relay): sync step 1 is answered with step 2, step 2
 * and updates are applied with `origin`, awareness is applied with `origin`. A query for awareness
 * is answered with this replica's own state only (every replica on the relay answers for itself).
 * Returns the reply to send back to the sender, or null.
 */
export const readRoomMessage = (doc: Y.Doc, awareness: Awareness, bytes: Uint8Array, origin: unknown): Uint8Array | null => {
  const d = decoding.createDecoder(bytes)
  switch (decoding.readVarUint(d)) {
    case MESSAGE_SYNC: {
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, MESSAGE_SYNC)
      const kind = syncProtocol.readSyncMessage(d, e, doc, origin)
      return kind === syncProtocol.messageYjsSyncStep1 ? encoding.toUint8Array(e) : null
    }
    case MESSAGE_AWARENESS:
      applyAwarenessUpdate(awareness, decoding.readVarUint8Array(d), origin)
      return null
    case MESSAGE_QUERY_AWARENESS:
      return ownAwarenessMessage(awareness)
    default:
      // y-webrtc's BroadcastChannel peer ids mean nothing on the relay.
      return null
  }
}
