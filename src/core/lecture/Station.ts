import type { Scheduler } from '../sim/Scheduler'

/**
 * A node's CPU: `workers` requests served at once, `serviceMs` each, the rest wait in FIFO order.
 * A request whose expected wait plus service would exceed `maxResidenceMs` is refused at once (the
 * node is overloaded) rather than queued until the caller gives up. A job runs when its service
 * ends; `reset` (a crash) forgets queued and running jobs.
 */
export class Station {
  private queue: Array<() => void> = []
  private running = 0
  private epoch = 0

  constructor(
    private readonly sched: Scheduler,
    private readonly workers: number,
    /** Mutable: the overload fault multiplies it. */
    public serviceMs: number,
    private readonly maxResidenceMs: number,
  ) {}

  get queued(): number {
    return this.queue.length
  }

  get busy(): number {
    return this.running
  }

  /** Admits `job` (true) or refuses it because the node is overloaded (false). */
  offer(job: () => void): boolean {
    if (this.running < this.workers) {
      this.start(job)
      return true
    }
    const expectedWait = Math.ceil((this.queue.length + 1) / this.workers) * this.serviceMs
    if (expectedWait + this.serviceMs > this.maxResidenceMs) return false
    this.queue.push(job)
    return true
  }

  reset(): void {
    this.epoch++
    this.queue = []
    this.running = 0
  }

  private start(job: () => void): void {
    this.running++
    const epoch = this.epoch
    this.sched.schedule(this.serviceMs, () => {
      if (epoch !== this.epoch) return
      this.running--
      job()
      const next = this.queue.shift()
      if (next !== undefined && this.epoch === epoch) this.start(next)
    })
  }
}
