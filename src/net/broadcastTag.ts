import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * BroadcastChannel messages between tabs of one browser carry no sender, yet the teacher's policy
 * (groups, cuts) needs one. Each tab therefore prefixes what it posts on its room's channel with
 * a tag and its clientID; receivers read and strip it. The prefix starts with a byte no y-webrtc
 * message starts with (0xa5 would be a multi-byte message type), so an untagged message is told
 * apart and read as "sender unknown".
 */
const TAG = [0xa5, 0x7a] as const

export const tagMessage = (clientID: number, payload: Uint8Array): Uint8Array => {
  const e = encoding.createEncoder()
  encoding.writeUint8(e, TAG[0])
  encoding.writeUint8(e, TAG[1])
  encoding.writeVarUint(e, clientID)
  encoding.writeUint8Array(e, payload)
  return encoding.toUint8Array(e)
}

export interface Untagged {
  /** The sender's clientID; null for an untagged message (or a tag that does not decode). */
  sender: number | null
  payload: unknown
}

const isTagged = (buf: Uint8Array): boolean => buf.length >= 3 && buf[0] === TAG[0] && buf[1] === TAG[1]

export const untagMessage = (data: unknown): Untagged => {
  const buf = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null
  if (buf === null || !isTagged(buf)) return { sender: null, payload: data }
  try {
    const d = decoding.createDecoder(buf)
    d.pos = 2
    const sender = decoding.readVarUint(d)
    return { sender, payload: buf.subarray(d.pos) }
  } catch {
    return { sender: null, payload: data }
  }
}

/**
 * Tags the binary messages posted on BroadcastChannels named `roomName` while `active()` says so
 * (y-webrtc posts through lib0's private channel object, so the tag is added where every post
 * passes: `BroadcastChannel.prototype.postMessage`; `active` narrows it to y-webrtc's own sends).
 * Each tab has its own prototype, so this touches only this tab's posts. Returns the undo.
 */
export const tagBroadcastChannel = (roomName: string, clientID: number, active: () => boolean): (() => void) => {
  if (typeof BroadcastChannel === 'undefined') return () => {}
  const proto = BroadcastChannel.prototype
  const original = proto.postMessage
  const patched = function (this: BroadcastChannel, message: unknown) {
    if (this.name === roomName && active() && (message instanceof Uint8Array || message instanceof ArrayBuffer)) {
      const bytes = message instanceof Uint8Array ? message : new Uint8Array(message)
      // A post made while y-webrtc reads a message (an awareness relay, say) may be tagged already.
      if (!isTagged(bytes)) return original.call(this, tagMessage(clientID, bytes))
    }
    return original.call(this, message)
  }
  proto.postMessage = patched
  return () => {
    if (proto.postMessage === patched) proto.postMessage = original
  }
}
