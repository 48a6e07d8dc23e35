import * as prng from 'lib0/prng'
import type * as Y from 'yjs'
import type { Edit } from './edits'
import type { EventTag, ScheduledEvent, Scheduler } from './Scheduler'
import { cumulativeMix, nextDelay, nextEdit, type WorkloadParams } from './Workload'

const WORK_TAG: EventTag = { k: 'work' }

/**
 * Runs a seeded random workload on the scheduler: edits arrive at `rate` per virtual second
 * (uniform gaps in [0.5, 1.5) / rate), each on a writer drawn uniformly from the live writers,
 * with an op drawn from the mix. All draws come from one PRNG, so the workload is a pure
 * function of the seed and of the documents it edits.
 */
export class WorkloadRunner {
  private ev: ScheduledEvent | null = null
  private count = 0
  private readonly cumulative: number[]

  constructor(
    private readonly scheduler: Scheduler,
    private readonly gen: prng.PRNG,
    readonly params: Readonly<WorkloadParams>,
    /** Live writer ids (ascending) and their documents. */
    private readonly writers: () => ReadonlyArray<{ id: number; doc: Y.Doc }>,
    private readonly apply: (writer: number, edit: Edit) => void,
    private readonly finished: () => void,
  ) {
    this.cumulative = cumulativeMix(params.mix)
  }

  /** Edits made so far. */
  get done(): number {
    return this.count
  }

  get running(): boolean {
    return this.ev !== null
  }

  start(): void {
    if (this.params.limit === 0) {
      this.finished()
      return
    }
    this.ev = this.scheduler.schedule(nextDelay(this.gen, this.params.rate), this.tick, WORK_TAG)
  }

  /** Resumes from a checkpoint: `done` edits made, `ev` its revived next edit. */
  resume(done: number, ev: ScheduledEvent): void {
    this.count = done
    this.ev = ev
  }

  /** The callback of a saved edit event. */
  get revive(): () => void {
    return this.tick
  }

  stop(): void {
    if (this.ev !== null) this.scheduler.cancel(this.ev)
    this.ev = null
  }

  private readonly tick = (): void => {
    this.ev = null
    const ws = this.writers()
    if (ws.length > 0) {
      const w = ws.length === 1 ? ws[0] : ws[prng.uint32(this.gen, 0, ws.length - 1)]
      this.apply(w.id, nextEdit(this.gen, w.doc, this.cumulative))
      this.count++
    }
    if (this.params.limit !== undefined && this.count >= this.params.limit) {
      this.finished()
      return
    }
    this.ev = this.scheduler.schedule(nextDelay(this.gen, this.params.rate), this.tick, WORK_TAG)
  }
}
