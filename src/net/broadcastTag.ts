import * as decoding from 'lib0/decoding'

/**
 * BroadcastChannel messages between tabs of one browser carry no sender, yet the teacher's policy
 * (groups, cuts) needs one. Each tab therefore ends what it posts on its room's channel with its
 * clientID (4 bytes, little-endian) and a 4-byte mark; receivers read and strip it. At the end,
 * not the start: y-webrtc reads a message from its start and ignores what follows it, so a plain
 * Yjs + y-webrtc tab in the same browser still reads our posts (with a tag in front, it could read
 * none, and answered each with an empty message). A message that does not end with the mark is
 * read as "sender unknown"; a plain peer's message ends with it by chance once in 2³² messages.
 * Earlier builds put the tag in front (0xa5 0x7a, then a varuint): still read, never written.
 */
const MARK = [0xa5, 0x7a, 0x41, 0x27] as const
const TRAILER = 8
const LEGACY = [0xa5, 0x7a] as const

export const tagMessage = (clientID: number, payload: Uint8Array): Uint8Array => {
  const out = new Uint8Array(payload.length + TRAILER)
  out.set(payload, 0)
  new DataView(out.buffer).setUint32(payload.length, clientID >>> 0, true)
  out.set(MARK, payload.length + 4)
  return out
}

export interface Untagged {
  /** The sender's clientID; null for an untagged message (or a tag that does not decode). */
  sender: number | null
  payload: unknown
}

const endsTagged = (buf: Uint8Array): boolean => {
  const n = buf.length
  return n > TRAILER && buf[n - 4] === MARK[0] && buf[n - 3] === MARK[1] && buf[n - 2] === MARK[2] && buf[n - 1] === MARK[3]
}

const isTagged = (buf: Uint8Array): boolean => endsTagged(buf) || (buf.length >= 3 && buf[0] === LEGACY[0] && buf[1] === LEGACY[1])

export const untagMessage = (data: unknown): Untagged => {
  const buf = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null
  if (buf === null) return { sender: null, payload: data }
  if (endsTagged(buf)) {
    const sender = new DataView(buf.buffer, buf.byteOffset, buf.byteLength).getUint32(buf.length - TRAILER, true)
    return { sender, payload: buf.subarray(0, buf.length - TRAILER) }
  }
  if (!isTagged(buf)) return { sender: null, payload: data }
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
