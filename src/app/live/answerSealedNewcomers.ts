import * as buffer from 'lib0/buffer'
import type { Awareness } from 'y-protocols/awareness'
import type { WebrtcProvider } from 'y-webrtc'
import { encryptJson } from '../../net/webrtcCrypto'
import type { RoomKey } from '../../net/roomKey'
import type { SafetyStore } from '../../state/live/safetyStore'

/** At most one answer per this long, however many unreadable messages arrive. */
export const ANSWER_EVERY_MS = 1000
/**
 * Answers in a burst, then one more per refill: two replicas with different passwords answer each
 * other, and this keeps their exchange to one message per 10 s once the burst is spent.
 */
export const ANSWER_BURST = 3
export const ANSWER_REFILL_MS = 10_000

// y-webrtc's internals used here (not in its types): the room's key and peer id, and each signaling connection.
interface ProviderInternals {
  room: { name: string; peerId: string; key: Promise<RoomKey | null> | RoomKey | null } | null
  signalingConns: Array<{ connected: boolean; send: (m: unknown) => void }>
}

/**
 * A replica with a room password that receives a message it cannot read (a newcomer with no
 * password, or another one) answers with sealed messages of its own: its awareness again (over
 * BroadcastChannel and WebRTC) and a sealed "announce" to the signaling servers. The newcomer then
 * receives something it cannot read within seconds and its page says so, instead of waiting for
 * the next edit or y-webrtc's 15-second awareness renewal. Returns the undo.
 */
export const answerSealedNewcomers = (opts: { provider: WebrtcProvider; awareness: Awareness; safety: SafetyStore; now: () => number }): (() => void) => {
  let last = Number.NEGATIVE_INFINITY
  let tokens = ANSWER_BURST
  let refilled = opts.now()
  let timer: ReturnType<typeof setTimeout> | null = null
  const answer = () => {
    timer = null
    last = opts.now()
    tokens--
    const local = opts.awareness.getLocalState()
    if (local !== null) opts.awareness.setLocalState({ ...local })
    const p = opts.provider as unknown as ProviderInternals
    const room = p.room
    if (room === null) return
    void Promise.resolve(room.key).then((key) => {
      if (key === null) return
      for (const conn of p.signalingConns)
        if (conn.connected)
          void encryptJson({ type: 'announce', from: room.peerId }, key).then((data) => conn.send({ type: 'publish', topic: room.name, data: buffer.toBase64(data) }))
    })
  }
  const unsubscribe = opts.safety.subscribe((s, prev) => {
    if (!s.password.set || s.password.undecryptable <= prev.password.undecryptable || timer !== null) return
    const now = opts.now()
    const gained = Math.floor((now - refilled) / ANSWER_REFILL_MS)
    if (gained > 0) {
      tokens = Math.min(ANSWER_BURST, tokens + gained)
      refilled += gained * ANSWER_REFILL_MS
    }
    if (tokens <= 0) return
    timer = setTimeout(answer, Math.max(0, last + ANSWER_EVERY_MS - now))
  })
  return () => {
    unsubscribe()
    if (timer !== null) clearTimeout(timer)
  }
}
