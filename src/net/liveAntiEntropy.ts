import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'

/** y-webrtc's document message: messageSync, then a y-protocols sync message. */
export const syncStep1Message = (doc: Y.Doc): Uint8Array => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  syncProtocol.writeSyncStep1(e, doc)
  return encoding.toUint8Array(e)
}

/** How often the live room repairs what was lost, while some replica's published state differs. */
export const ANTI_ENTROPY_INTERVAL_MS = 2000

/**
 * Anti-entropy for the live room. y-webrtc sends sync step 1 only when a connection opens, so a
 * lost update stays lost. Every `intervalMs`, while `needed()` says some replica in the room
 * published a state other than ours, this sends sync step 1 (our state vector) to every peer;
 * y-webrtc answers it with step 2 (what we lack, and its delete set). A quiet, equal room sends
 * nothing. `round()` runs one at once (after a Heal). `destroy()` stops the timer.
 */
export class LiveAntiEntropy {
  private timer: ReturnType<typeof setInterval>
  rounds = 0

  constructor(
    private readonly doc: Y.Doc,
    private readonly send: (bytes: Uint8Array) => void,
    private readonly needed: () => boolean,
    intervalMs = ANTI_ENTROPY_INTERVAL_MS,
  ) {
    this.timer = setInterval(() => {
      if (this.needed()) this.round()
    }, intervalMs)
  }

  private soon = new Set<ReturnType<typeof setTimeout>>()

  /**
   * Rounds now and shortly after: when a policy changes, peers apply it at slightly different
   * moments, and a step 1 sent to a peer that is still split from us is dropped there.
   */
  burst(delaysMs: readonly number[] = [0, 150, 500, 1500]): void {
    for (const ms of delaysMs) {
      const t = setTimeout(() => {
        this.soon.delete(t)
        this.round()
      }, ms)
      this.soon.add(t)
    }
  }

  round(): void {
    this.rounds++
    this.send(syncStep1Message(this.doc))
  }

  destroy(): void {
    clearInterval(this.timer)
    for (const t of this.soon) clearTimeout(t)
  }
}
