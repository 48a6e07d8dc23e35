/** What a Player drives: a Simulation, or a Timeline over one. */
export interface Advancer {
  readonly now: number
  advanceTo(t: number, maxEvents?: number): number
  step(): boolean
}

/**
 * Pause / play / speed for a view: each animation frame the view calls `frame(wallDeltaMs)`,
 * which advances virtual time by wallDelta × speed while playing, with at most
 * `maxEventsPerFrame` events, so a burst cannot freeze a frame (virtual time then runs slower
 * than `speed` until the burst is over). Holds no timer: the caller owns the frame loop.
 */
export class Player {
  playing = false
  /** Virtual ms per wall ms. */
  speed = 1
  maxEventsPerFrame = 2000

  constructor(private readonly sim: Advancer) {}

  /** Returns the number of events run. */
  frame(wallDeltaMs: number): number {
    if (!this.playing || !(wallDeltaMs > 0)) return 0
    return this.sim.advanceTo(this.sim.now + wallDeltaMs * this.speed, this.maxEventsPerFrame)
  }

  /** Runs exactly one event (pausing first). */
  stepOnce(): boolean {
    this.playing = false
    return this.sim.step()
  }
}
