import { MAX_SPEED, MIN_SPEED } from '../../state/lecture/speeds'

/** The part of a lecture the clock drives. */
export interface Advanceable {
  readonly now: number
  advanceTo(ms: number): void
}

export interface ClockOptions {
  /** Wall-clock milliseconds (performance.now in the page). */
  readonly wallNow: () => number
  /** A frame longer than this (a background tab, a pause in the debugger) counts as this long. */
  readonly maxFrameMs?: number
  /** Wall ms per frame the simulation may use; beyond it virtual time slows down instead of the page. */
  readonly budgetMs?: number
}


/**
 * Virtual time from animation frames: each `tick()` advances the lecture by the wall time since the
 * previous tick × speed. The step is clamped twice, so a slow frame cannot freeze the page: a long
 * gap counts as `maxFrameMs`, and the step is cut to what the simulation has lately done within
 * `budgetMs` of wall time (measured cost per virtual ms). `actualSpeed` then says how fast virtual
 * time really moves.
 */
export class LectureClock {
  private speedValue = 1
  private last: number | null = null
  /** Wall ms spent per virtual ms advanced, smoothed; 0 before the first measurement. */
  private cost = 0
  private achieved: number | null = null
  private readonly maxFrameMs: number
  private readonly budgetMs: number

  constructor(private readonly opts: ClockOptions) {
    this.maxFrameMs = opts.maxFrameMs ?? 50
    this.budgetMs = opts.budgetMs ?? 10
  }

  get speed(): number {
    return this.speedValue
  }

  set speed(x: number) {
    this.speedValue = Number.isFinite(x) ? Math.min(MAX_SPEED, Math.max(MIN_SPEED, x)) : 1
  }

  /** Virtual ms per wall ms over the last frames; null until two ticks have run since `stop()`. */
  get actualSpeed(): number | null {
    return this.achieved
  }

  /** Forget the last tick: the next one starts a new run (no jump over the paused time). */
  stop(): void {
    this.last = null
    this.achieved = null
  }

  /** Advances `lecture` for one frame; returns the virtual ms advanced. */
  tick(lecture: Advanceable): number {
    const wall = this.opts.wallNow()
    const last = this.last
    this.last = wall
    if (last === null) return 0
    const dt = Math.min(Math.max(0, wall - last), this.maxFrameMs)
    if (dt === 0) return 0
    let step = dt * this.speedValue
    if (this.cost > 0) step = Math.min(step, Math.max(1, this.budgetMs / this.cost))
    const before = this.opts.wallNow()
    lecture.advanceTo(lecture.now + step)
    const spent = this.opts.wallNow() - before
    const sample = spent / step
    this.cost = this.cost === 0 ? sample : 0.8 * this.cost + 0.2 * sample
    const rate = step / dt
    this.achieved = this.achieved === null ? rate : 0.9 * this.achieved + 0.1 * rate
    return step
  }
}
