import * as Y from 'yjs'

/** Least time between two deliveries of one batcher: about a frame. */
export const BATCH_INTERVAL_MS = 16
/** A batch this large is delivered at once, whatever the time. */
export const BATCH_MAX_BYTES = 256 * 1024

export interface BatcherClock {
  now(): number
  /** Runs `f` once, `ms` from now (a timer in the browser, a queue in tests). */
  schedule(f: () => void, ms: number): void
}

/**
 * Turns a stream of Yjs updates into at most one delivery per BATCH_INTERVAL_MS: an update that
 * comes after a quiet interval is delivered at once (`offer` returns false: the caller handles it
 * as before, so typing keeps its latency); one that comes sooner is held, and everything held is
 * merged (`Y.mergeUpdates`) and delivered once at the end of the interval. Under a flood of a
 * thousand updates a second, the work behind each delivery (integration, observers, rebroadcast,
 * journal, IndexedDB) runs about 60 times a second instead of a thousand. Time comes from `clock`.
 */
export class UpdateBatcher {
  private held: Uint8Array[] = []
  private heldBytes = 0
  private last = Number.NEGATIVE_INFINITY
  private scheduled = false
  private stopped = false

  constructor(
    private readonly clock: BatcherClock,
    private readonly deliver: (update: Uint8Array) => void,
    readonly intervalMs = BATCH_INTERVAL_MS,
    readonly maxBytes = BATCH_MAX_BYTES,
  ) {}

  /** False: deliver `update` yourself, now. True: it is held and will come through `deliver`, merged. */
  offer(update: Uint8Array): boolean {
    if (this.stopped) return false
    const now = this.clock.now()
    if (!this.scheduled && now - this.last >= this.intervalMs) {
      this.last = now
      return false
    }
    this.held.push(update)
    this.heldBytes += update.byteLength
    if (this.heldBytes >= this.maxBytes) this.flush()
    else if (!this.scheduled) {
      this.scheduled = true
      this.clock.schedule(() => {
        this.scheduled = false
        this.flush()
      }, Math.max(0, this.last + this.intervalMs - now))
    }
    return true
  }

  /** True while updates are held. */
  get holding(): boolean {
    return this.held.length > 0
  }

  /** Delivers what is held now (merged). */
  flush(): void {
    if (this.held.length === 0) return
    const updates = this.held
    this.held = []
    this.heldBytes = 0
    this.last = this.clock.now()
    this.deliver(updates.length === 1 ? updates[0] : Y.mergeUpdates(updates))
  }

  /** Delivers what is held, then lets every later update through at once. */
  stop(): void {
    this.flush()
    this.stopped = true
  }
}
