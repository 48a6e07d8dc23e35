import type { RecordedAction, SimAction } from './actions'
import { CheckpointError, type SimCheckpoint } from './Checkpoint'
import { CheckpointPacer, type CheckpointPolicy } from './CheckpointPolicy'
import { ConvergenceSeries } from './ConvergenceSeries'
import type { Simulation } from './Simulation'
import { quantize } from './time'

/**
 * One line of history: every action from the start (with its time and events run before it) and
 * how far it ran. A fork shares its parent's actions up to `fork.actions` and its checkpoints
 * up to the fork point; it never changes its parent.
 */
export interface Branch {
  readonly id: number
  name: string
  readonly parent: number | null
  /** Where it left its parent: time, events run, and how many of the parent's actions it keeps. */
  readonly fork: { at: number; step: number; actions: number } | null
  actions: RecordedAction[]
  end: { at: number; step: number }
  /** Each replica's digest at `end`, once known (the branch was at its end). */
  endDigests: Record<string, string> | null
  checkpoints: SimCheckpoint[]
  /** The convergence samples taken along the branch (a replayed stretch shows these, clipped). */
  series: ConvergenceSeries
}

export interface SeekOutcome {
  /** The time shown after the seek. */
  at: number
  /** What the user should know (a seek past the end, a checkpoint that failed), or null. */
  notice: string | null
}

const endPosition = (b: Branch): number => b.end.step + b.actions.length

/**
 * A simulation in time: checkpoints of the whole engine along each branch (when: CheckpointPacer),
 * seeking to any moment by restoring the nearest checkpoint before it and replaying from there
 * (recorded actions are applied again at their recorded points, so the state is the one the run
 * had), stepping one event or action back or forward, and forking: an action taken in the past
 * starts a new branch from there, and the old future stays as its own branch.
 * The Timeline takes over `sim.onRecord`; drive time through it, not through the simulation.
 */
export class Timeline {
  private readonly list: Branch[] = []
  private cur: Branch
  private replaying = false
  private nextId = 1
  private readonly pacer: CheckpointPacer
  /** Why seeking is impossible (a trace replay), or null. */
  readonly unavailable: string | null

  constructor(
    readonly sim: Simulation,
    policy: Partial<CheckpointPolicy> = {},
  ) {
    this.pacer = new CheckpointPacer(policy)
    const first = sim.checkpoint()
    this.unavailable = typeof first === 'string' ? first : null
    this.cur = this.addBranch({ name: 'Run', parent: null, fork: null, actions: [...sim.actions], end: { at: sim.now, step: sim.eventsRun }, checkpoints: typeof first === 'string' ? [] : [first], series: sim.series })
    sim.onRecord = (r) => this.recorded(r)
  }

  get now(): number {
    return this.sim.now
  }

  /** One event or recorded action forward (what a Player's step does). */
  step(): boolean {
    return this.stepForward()
  }

  get branches(): readonly Branch[] {
    return this.list
  }

  get current(): Branch {
    return this.cur
  }

  /** The last moment of the current branch. */
  get end(): number {
    return this.cur.end.at
  }

  /** Whether the simulation is at the end of its branch (nothing recorded lies ahead). */
  get atEnd(): boolean {
    return this.sim.position >= endPosition(this.cur) && this.sim.now >= this.cur.end.at
  }

  /** Bytes of encoded documents held by every checkpoint of every branch (shared ones once). */
  get checkpointBytes(): number {
    const seen = new Set<SimCheckpoint>()
    let n = 0
    for (const b of this.list) {
      for (const c of b.checkpoints) {
        if (seen.has(c)) continue
        seen.add(c)
        n += c.bytes
      }
    }
    return n
  }

  /**
   * Runs every event and recorded action up to time `t` (at most `maxEvents` events), like
   * Simulation.advanceTo: in the past it follows the branch as recorded, at its end it runs on.
   */
  advanceTo(t: number, maxEvents = Number.POSITIVE_INFINITY): number {
    return this.sim.batch(() => this.run(quantize(t), maxEvents, Number.POSITIVE_INFINITY, true))
  }

  /** One event or recorded action forward. Returns false when nothing is left. */
  stepForward(): boolean {
    const before = this.sim.position
    this.sim.batch(() => this.run(Number.POSITIVE_INFINITY, 1, before + 1, false))
    return this.sim.position > before
  }

  /** One event or action back. Returns false at the start. */
  stepBack(): SeekOutcome | null {
    const p = this.sim.position
    if (p === 0) return null
    return this.seekPosition(p - 1)
  }

  /** Shows the run as it was at time `t` (every event and action up to t), clamped to the branch. */
  seek(t: number, fromCheckpoint = false): SeekOutcome {
    const end = this.cur.end.at
    let notice: string | null = null
    if (!(t >= 0) || !Number.isFinite(t)) {
      notice = `Cannot go to ${String(t)} ms: times run from 0 to ${(end / 1000).toFixed(2)} s.`
      t = t > 0 ? end : 0
    } else if (t > end) {
      notice = `The run ends at ${(end / 1000).toFixed(2)} s (nothing happened after it yet): showing its end.`
      t = end
    }
    t = quantize(t)
    const s = this.sim
    // Forward from here unless a checkpoint lies well beyond this moment (or going back).
    const ahead = this.latest((c) => c.at <= t)
    const fromHere = !fromCheckpoint && s.now <= t && (ahead === undefined || ahead.position <= s.position)
    if (!fromCheckpoint) this.leaving()
    notice = this.sim.batch(() => {
      const failed = fromHere ? null : this.restoreBefore((c) => c.at <= t)
      this.run(t, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, true)
      this.showSeries()
      return failed ?? notice
    })
    return { at: s.now, notice }
  }

  /** Shows the run after exactly `p` events and actions (see Simulation.position). */
  seekPosition(p: number): SeekOutcome {
    const last = endPosition(this.cur)
    const target = Math.max(0, Math.min(p, last))
    this.leaving()
    const notice = this.sim.batch(() => {
      const failed = this.sim.position <= target ? null : this.restoreBefore((c) => c.position <= target)
      this.run(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, target, false)
      this.showSeries()
      return failed
    })
    return { at: this.sim.now, notice: p > last ? `The run has ${last} events and actions: showing its end.` : notice }
  }

  /** Makes another branch current, shown at its end. */
  switchTo(id: number): SeekOutcome {
    const b = this.list.find((x) => x.id === id)
    if (b === undefined) throw new RangeError(`no branch ${id}`)
    this.leaving()
    this.cur = b
    const outcome = this.seek(b.end.at, true)
    const wrong = b.endDigests === null ? [] : this.sim.replicas.filter((r) => b.endDigests?.[String(r.id)] !== undefined && b.endDigests[String(r.id)] !== r.digest())
    if (wrong.length > 0) return { ...outcome, notice: `${b.name} replayed to other states than it recorded (${wrong.map((r) => r.name).join(', ')}).` }
    this.noteEnd()
    return outcome
  }

  /** Adds a branch made elsewhere (an imported run file). Its actions are replayed when it is shown. */
  adopt(b: Omit<Branch, 'id' | 'checkpoints' | 'series'>, shareFrom: Branch | null): Branch {
    const shared = shareFrom === null || b.fork === null ? this.list[0].checkpoints.slice(0, 1) : this.sharedCheckpoints(shareFrom, b.fork)
    return this.addBranch({ ...b, checkpoints: shared, series: new ConvergenceSeries() })
  }

  private latest(ok: (c: SimCheckpoint) => boolean): SimCheckpoint | undefined {
    const cps = this.cur.checkpoints
    for (let i = cps.length - 1; i >= 0; i--) if (ok(cps[i])) return cps[i]
    return undefined
  }

  /** At the end of the branch the simulation samples on into the branch's series; before it, it shows the samples taken then. */
  private showSeries(): void {
    const b = this.cur
    if (this.atEnd) {
      // A branch replayed for the first time (imported) keeps the samples the replay took.
      if (b.series.length === 0) b.series = this.sim.series
      if (this.sim.series !== b.series) this.sim.setSeries(b.series, true)
    } else this.sim.setSeries(b.series.until(this.sim.now), false)
  }

  /** Removes a checkpoint from every branch (it failed to restore). */
  private dropCheckpoint(c: SimCheckpoint): void {
    for (const b of this.list) b.checkpoints = b.checkpoints.filter((x) => x !== c)
  }

  private addBranch(b: Omit<Branch, 'id' | 'endDigests'> & { endDigests?: Branch['endDigests'] }): Branch {
    const branch: Branch = { endDigests: null, ...b, id: this.nextId++ }
    this.list.push(branch)
    return branch
  }

  private sharedCheckpoints(parent: Branch, fork: NonNullable<Branch['fork']>): SimCheckpoint[] {
    return parent.checkpoints.filter((c) => c.actions <= fork.actions && c.events <= fork.step && c.at <= fork.at)
  }

  /** Restores the latest checkpoint of the branch that `ok` accepts; a failing one is dropped and the one before tried. */
  private restoreBefore(ok: (c: SimCheckpoint) => boolean): string | null {
    const failures: string[] = []
    const cps = this.cur.checkpoints
    for (let i = cps.length - 1; i >= 0; i--) {
      const c = cps[i]
      if (!ok(c)) continue
      try {
        this.sim.restore(c)
        return failures.length === 0 ? null : `${failures.join('; ')}: replayed from ${(c.at / 1000).toFixed(2)} s instead.`
      } catch (e) {
        if (!(e instanceof CheckpointError)) throw e
        failures.push(e.message)
        this.dropCheckpoint(c)
      }
    }
    throw new CheckpointError(`no checkpoint to go back to (${failures.join('; ') || 'none was taken'})`, 0)
  }

  /**
   * The replay loop: applies the branch's next recorded action when its point comes, else runs
   * the next event, until time `t`, `maxEvents` events or position `maxPosition`. With
   * `moveClock`, the clock then moves on to `t` (as Simulation.advanceTo does).
   */
  private run(t: number, maxEvents: number, maxPosition: number, moveClock: boolean): number {
    this.pacer.startRun()
    const s = this.sim
    const b = this.cur
    let n = 0
    let budgetLeft = true
    const wasAtEnd = this.atEnd
    for (;;) {
      if (s.position >= maxPosition) {
        budgetLeft = false
        break
      }
      const i = s.actions.length
      const next = i < b.actions.length ? b.actions[i] : null
      if (next !== null && next.step < s.eventsRun) throw new Error(`the branch's action ${i} was recorded after ${next.step} events, but ${s.eventsRun} have run`)
      if (next !== null && next.step === s.eventsRun) {
        if (next.at > t) break
        if (next.at > s.now) s.jumpTo(next.at)
        this.replay(next)
        this.maybeCheckpoint()
        continue
      }
      const ev = s.nextEventAt()
      if (ev === null || ev > t) break
      if (n >= maxEvents) {
        budgetLeft = false
        break
      }
      s.step()
      n++
      this.maybeCheckpoint()
    }
    if (moveClock && budgetLeft && t > s.now && Number.isFinite(t)) s.advanceTo(t, 0)
    if (s.actions.length >= b.actions.length && s.eventsRun >= b.end.step && s.now >= b.end.at) b.end = { at: s.now, step: s.eventsRun }
    if (!wasAtEnd && this.atEnd) this.showSeries()
    return n
  }

  private replay(r: RecordedAction): void {
    this.replaying = true
    try {
      this.sim.act(structuredClone(r.action) as SimAction)
    } finally {
      this.replaying = false
    }
  }

  private maybeCheckpoint(): void {
    const cps = this.cur.checkpoints
    const last = cps[cps.length - 1]
    if (this.unavailable !== null || (last !== undefined && this.sim.position <= last.position)) return
    if (this.pacer.due(this.sim.position, last?.position ?? null)) this.pacer.taken(() => this.take())
  }

  private take(): void {
    const c = this.sim.checkpoint()
    if (typeof c !== 'string') this.cur.checkpoints.push(c)
  }

  /** A user action or hand edit was just recorded: at the end it extends the branch; in the past it forks. */
  private recorded(r: RecordedAction): void {
    if (this.replaying) return
    const b = this.cur
    const before = this.sim.position - 1
    if (before >= endPosition(b)) {
      b.actions.push(r)
      b.end = { at: this.sim.now, step: this.sim.eventsRun }
      return
    }
    const fork = { at: r.at, step: r.step, actions: this.sim.actions.length - 1 }
    this.cur = this.addBranch({
      name: `Fork ${this.list.length} at ${(r.at / 1000).toFixed(2)} s`,
      parent: b.id,
      fork,
      actions: [...this.sim.actions],
      end: { at: this.sim.now, step: this.sim.eventsRun },
      checkpoints: this.sharedCheckpoints(b, fork),
      series: this.sim.series,
    })
    this.sim.setSeries(this.sim.series, true)
  }

  /** Before moving away from the end of the branch, keep its digests there (for export and checks). */
  private leaving(): void {
    if (this.atEnd) this.noteEnd()
  }

  private noteEnd(): void {
    if (this.atEnd) this.cur.endDigests = Object.fromEntries(this.sim.replicas.map((r) => [String(r.id), r.digest()]))
  }
}
