import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { awarenessStateProblem } from '../core/awarenessCap'
import { type InvalidUpdate, MAX_UPDATE_BYTES, type ValidUpdate, validateUpdate } from '../core/validate'

/** y-webrtc's message types (first varuint of every message it sends, over BroadcastChannel or WebRTC). */
const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const MESSAGE_QUERY_AWARENESS = 3
const MESSAGE_BC_PEER_ID = 4
/** y-protocols/sync sub-types. */
const SYNC_STEP1 = 0
const SYNC_STEP2 = 1
const SYNC_UPDATE = 2

export type RoomMessageCheck =
  | { ok: true; kind: 'update' | 'sync-step1' | 'sync-step2' | 'awareness' | 'query-awareness' | 'peer-id'; bytes: number }
  | { ok: false; reason: string; bytes: number }

const fail = (reason: string, bytes: number): RoomMessageCheck => ({ ok: false, reason, bytes })

/**
 * Checks one message as y-webrtc would read it, before y-webrtc reads it: a document update
 * must pass `checkUpdate` (by default `validateUpdate`; a live replica passes its
 * `ReplicaGuard.check`), awareness must be well-formed JSON of a bounded size and depth
 * (`awarenessStateProblem`: a peer's state is never stored or relayed otherwise), and
 * nothing may trail the message. A message that fails is dropped whole, so a replica's
 * document is never touched by it.
 */
export const checkRoomMessage = (
  data: unknown,
  checkUpdate: (update: Uint8Array) => ValidUpdate | InvalidUpdate = (u) => validateUpdate(u),
  maxBytes = MAX_UPDATE_BYTES,
): RoomMessageCheck => {
  const buf = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null
  if (buf === null) return fail('the message is not binary', 0)
  const bytes = buf.byteLength
  if (bytes > maxBytes + 16) return fail(`the message is ${bytes} bytes, over the limit`, bytes)
  try {
    const d = decoding.createDecoder(buf)
    const type = decoding.readVarUint(d)
    let kind: Extract<RoomMessageCheck, { ok: true }>['kind']
    switch (type) {
      case MESSAGE_SYNC: {
        const sub = decoding.readVarUint(d)
        const payload = decoding.readVarUint8Array(d)
        if (sub === SYNC_STEP1) {
          Y.decodeStateVector(payload)
          kind = 'sync-step1'
        } else if (sub === SYNC_STEP2 || sub === SYNC_UPDATE) {
          const check = checkUpdate(payload)
          if (!check.ok) return fail(`malformed update: ${check.error.message}`, bytes)
          kind = sub === SYNC_STEP2 ? 'sync-step2' : 'update'
        } else return fail(`unknown sync message type ${sub}`, bytes)
        break
      }
      case MESSAGE_AWARENESS: {
        const ad = decoding.createDecoder(decoding.readVarUint8Array(d))
        const n = decoding.readVarUint(ad)
        for (let i = 0; i < n; i++) {
          decoding.readVarUint(ad)
          decoding.readVarUint(ad)
          const state = decoding.readVarString(ad)
          const problem = awarenessStateProblem(state)
          if (problem !== null) return fail(problem, bytes)
          JSON.parse(state)
        }
        if (decoding.hasContent(ad)) return fail('awareness message has trailing bytes', bytes)
        kind = 'awareness'
        break
      }
      case MESSAGE_QUERY_AWARENESS:
        kind = 'query-awareness'
        break
      case MESSAGE_BC_PEER_ID:
        decoding.readUint8(d)
        decoding.readVarString(d)
        kind = 'peer-id'
        break
      default:
        return fail(`unknown message type ${type}`, bytes)
    }
    if (decoding.hasContent(d)) return fail('the message has trailing bytes', bytes)
    return { ok: true, kind, bytes }
  } catch (e) {
    return fail(`the message does not decode: ${e instanceof Error ? e.message : String(e)}`, bytes)
  }
}
