import { type BatcherClock, UpdateBatcher } from '../core/UpdateBatcher'
import { updateMessage, updateOf } from './readRoomMessage'

/** Sources remembered at once (each keeps when it last delivered). */
const MAX_SOURCES = 64

const browserClock: BatcherClock = {
  now: () => performance.now(),
  schedule: (f, ms) => {
    setTimeout(f, ms)
  },
}

/**
 * Incoming document updates, batched per source (a BroadcastChannel, a WebRTC peer, a relay) to
 * at most one delivery per frame (`UpdateBatcher`). For each checked message a transport calls
 * `offer(source, message, deliver)`: false means "hand it to y-webrtc now, as before" (any
 * message that is not a sync update, and the first update after a quiet frame); true means it is
 * held, and `deliver` is called later with one sync update message carrying everything held from
 * that source, merged. A relay transport calls it the same way, with its own source object.
 */
export class IncomingBatches {
  private batchers = new Map<unknown, { batcher: UpdateBatcher; deliver: (message: Uint8Array) => void }>()

  constructor(private readonly clock: BatcherClock = browserClock) {}

  offer(source: unknown, message: unknown, deliver: (message: Uint8Array) => void): boolean {
    const update = updateOf(message)
    let entry = this.batchers.get(source)
    if (update === null) {
      // Anything else from this source (a sync step, awareness) waits for nothing, but what is held goes first.
      entry?.batcher.flush()
      return false
    }
    if (entry === undefined) {
      const made = {
        deliver,
        batcher: new UpdateBatcher(this.clock, (merged) => made.deliver(updateMessage(merged))),
      }
      entry = made
      this.batchers.set(source, entry)
      // Sources come and go (WebRTC peers): idle ones are forgotten past a few dozen.
      if (this.batchers.size > MAX_SOURCES) for (const [s, e] of this.batchers) if (s !== source && !e.batcher.holding) this.batchers.delete(s)
    }
    entry.deliver = deliver
    return entry.batcher.offer(update)
  }

  /** Delivers everything held. */
  flush(): void {
    for (const { batcher } of [...this.batchers.values()]) batcher.flush()
  }

  destroy(): void {
    for (const { batcher } of this.batchers.values()) batcher.stop()
    this.batchers.clear()
  }
}
