import { type Simulation, type Trace, TraceReplay } from '../../core/sim'
import type { TracePhase, TraceView } from '../../state/lab/labStore'
import { type TraceDecoder, traceErrorText } from './decodeTrace'
import { TraceBuilder } from './traceCodec'

/** Sequential traces are typed in about this many transactions (so messages stay in the tens of thousands). */
const TARGET_TXNS = 8000
/** Virtual ms between two transactions of one agent: spreads the messages out on the diagram. */
const EDIT_INTERVAL_MS = 10

/** Edits per Yjs transaction for a trace: 1 for concurrent traces (their transactions are the trace's). */
export const batchFor = (kind: Trace['kind'], total: number): number => (kind === 'sequential' ? Math.max(1, Math.ceil(total / TARGET_TXNS)) : 1)

/**
 * One trace file on its way into the lab: read and parsed off the page (the decoder), rebuilt into
 * the engine's Trace a chunk per frame, then typed by the engine's TraceReplay a chunk per frame.
 * Each `tick(budgetMs)` does about `budgetMs` of work (chunk sizes adapt to measured costs), so the
 * page keeps drawing while 260k edits are typed. Phases: reading → building → typing → done,
 * or stopped / failed (with a sentence saying why).
 */
export class TraceImport {
  private phase: TracePhase = 'reading'
  private builder: TraceBuilder | null = null
  private replay: TraceReplay | null = null
  private error: string | null = null
  private mismatches: string[] | null = null
  private msPerTxnBuilt = 0.002
  private msPerEdit = 0.05
  private batch = 1
  private endLength = 0
  private viewCache: TraceView | null = null

  constructor(
    readonly fileName: string,
    bytes: Promise<ArrayBuffer>,
    decode: TraceDecoder,
    /** Told when reading finished or failed (the app asks for a frame). */
    private readonly changed: () => void,
    private readonly wallNow: () => number,
  ) {
    bytes.then(decode).then(
      (compact) => {
        if (this.phase !== 'reading') return
        this.builder = new TraceBuilder(compact)
        this.batch = batchFor(compact.kind, compact.n)
        this.endLength = compact.endContent.length
        this.phase = 'building'
        this.changed()
      },
      (e: unknown) => {
        if (this.phase !== 'reading') return
        this.fail(e)
        this.changed()
      },
    )
  }

  /** Needs animation frames: rebuilding or typing. */
  get busy(): boolean {
    return this.phase === 'building' || this.phase === 'typing'
  }

  get typing(): boolean {
    return this.phase === 'typing'
  }

  /**
   * About `budgetMs` of work. While building, rebuilds transactions, and once all are rebuilt asks
   * `createSim` for a fresh simulation and returns it (the app shows it from then on). While typing
   * (and `play`), types trace edits.
   */
  tick(budgetMs: number, play: boolean, createSim: (trace: Trace) => Simulation): Simulation | null {
    try {
      if (this.phase === 'building' && this.builder !== null) return this.build(budgetMs, createSim)
      if (this.phase === 'typing' && play) this.type(budgetMs)
    } catch (e) {
      this.fail(e)
    }
    return null
  }

  /** Stops where it is: the replicas keep what they have typed and received. */
  stop(): void {
    if (this.phase === 'reading' || this.busy) {
      this.phase = 'stopped'
      this.replay?.destroy()
    }
  }

  destroy(): void {
    this.stop()
  }

  view(): TraceView {
    const c = this.builder?.compact
    const applied = this.phase === 'building' ? (this.builder?.built ?? 0) : (this.replay?.progress.applied ?? 0)
    const v = this.viewCache
    if (v !== null && v.phase === this.phase && v.applied === applied && v.error === this.error && v.mismatches === this.mismatches) return v
    this.viewCache = {
      fileName: this.fileName,
      phase: this.phase,
      kind: c?.kind ?? null,
      applied,
      total: c?.n ?? 0,
      batch: this.batch,
      endLength: this.endLength,
      mismatches: this.mismatches,
      error: this.error,
    }
    return this.viewCache
  }

  private build(budgetMs: number, createSim: (trace: Trace) => Simulation): Simulation | null {
    const b = this.builder as TraceBuilder
    const t0 = this.wallNow()
    const n = Math.max(100, Math.round(budgetMs / this.msPerTxnBuilt))
    const before = b.built
    b.build(n)
    this.msPerTxnBuilt = Math.max(1e-4, (this.wallNow() - t0) / Math.max(1, b.built - before))
    if (!b.done) return null
    const trace = b.trace()
    const sim = createSim(trace)
    this.replay = new TraceReplay(sim, trace, { batch: this.batch, editIntervalMs: EDIT_INTERVAL_MS })
    this.phase = 'typing'
    return sim
  }

  private type(budgetMs: number): void {
    const replay = this.replay as TraceReplay
    const deadline = this.wallNow() + budgetMs
    for (;;) {
      // Half of what seems to fit in the time left, so one chunk cannot overrun the budget by much.
      const left = deadline - this.wallNow()
      const units = Math.max(1, Math.round(left / (2 * this.msPerEdit * this.batch)))
      const before = replay.progress.applied
      const t0 = this.wallNow()
      const p = replay.step(units * this.batch)
      const spent = this.wallNow() - t0
      const typed = p.applied - before
      if (typed > 0) this.msPerEdit = 0.7 * this.msPerEdit + 0.3 * Math.max(1e-4, spent / typed)
      if (p.done) {
        replay.destroy()
        this.phase = 'done'
        this.mismatches = replay.mismatches().map((id) => replay.sim.replica(id)?.name ?? String(id))
        return
      }
      if (p.stalled && replay.sim.nextEventAt() === null) throw new Error('the replay stalled: no message is on its way and no edit can be typed')
      if (this.wallNow() + this.msPerEdit * this.batch > deadline) return
    }
  }

  private fail(e: unknown): void {
    this.phase = 'failed'
    this.error = traceErrorText(e)
    this.replay?.destroy()
  }
}
