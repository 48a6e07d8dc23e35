/**
 * When to take a checkpoint. Without a clock: every `every` events and actions (deterministic,
 * for tests). With a clock (ms, passed in: the core reads no timer), by cost: once the events
 * run since the last checkpoint took `minMs`, and at least `share` times what that checkpoint
 * cost to take. A seek then replays about `minMs` of work, and checkpoints take at most
 * 1/share of the engine's time however large the documents grow.
 */
export interface CheckpointPolicy {
  every: number
  clock: (() => number) | null
  minMs: number
  share: number
}

export const DEFAULT_POLICY: CheckpointPolicy = { every: 1000, clock: null, minMs: 40, share: 12 }

/**
 * What the lab page uses: its engine runs far below throughput (a few ms per frame), so a third
 * more engine time spent on checkpoints costs little wall time and makes seeks about three times
 * shorter. Bulk runs (the engine benchmark) keep DEFAULT_POLICY's 1/12.
 */
export const INTERACTIVE_POLICY: Pick<CheckpointPolicy, 'minMs' | 'share'> = { minMs: 25, share: 4 }

/**
 * Decides, as a timeline runs, when the next checkpoint is due under a CheckpointPolicy, and
 * keeps what the last one cost (with a clock). `startRun()` when a run of events begins,
 * `due()` after each event or action, `taken(take)` to take one.
 */
export class CheckpointPacer {
  private readonly policy: CheckpointPolicy
  /** Clock ms spent running since the last checkpoint, and what taking it cost. */
  private work = 0
  private lastCost = 0
  private sinceClock = 0
  private mark = 0

  constructor(policy: Partial<CheckpointPolicy> = {}) {
    this.policy = { ...DEFAULT_POLICY, ...policy }
  }

  startRun(): void {
    if (this.policy.clock !== null) this.mark = this.policy.clock()
  }

  /** Whether a checkpoint is due at `position`, the last one having been taken at `lastPosition` (null: none yet). */
  due(position: number, lastPosition: number | null): boolean {
    const { clock, every, minMs, share } = this.policy
    if (clock === null) return lastPosition === null || position >= lastPosition + every
    // Read the clock every 16 positions: it costs more than a cheap event.
    if (++this.sinceClock < 16) return false
    this.sinceClock = 0
    const now = clock()
    this.work += now - this.mark
    this.mark = now
    return this.work >= Math.max(minMs, share * this.lastCost)
  }

  /** Runs `take` (which takes the checkpoint) and notes its cost. */
  taken(take: () => void): void {
    const clock = this.policy.clock
    if (clock === null) {
      take()
      return
    }
    const before = clock()
    take()
    const after = clock()
    this.lastCost = after - before
    this.mark = after
    this.work = 0
  }
}
