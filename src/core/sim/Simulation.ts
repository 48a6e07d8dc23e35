/**
 * The lab's simulation engine: 2 to 32 Yjs replicas over a simulated network in virtual time.
 *
 * API (for a zustand store / React view; everything is synchronous and deterministic):
 * - `new Simulation(config?: SimConfigInput)`: seed, replicas, default link, anti-entropy,
 *   syncOnConnect, sampleEveryMs, initialText, clientIds, plan (see SimConfig.ts).
 * - Change notification: `subscribe(listener) → unsubscribe`, `version` (a number that bumps on
 *   every change; listeners run once per public call, not per event), `destroy()`.
 * - State: `now`, `eventsRun`, `replicas` (live, ascending id; the array is replaced only when
 *   membership changes), `replica(id)`, `log` (MessageLog: append-only messages, `version`,
 *   `firstUnsettled`, `inFlight`), `series` (ConvergenceSeries), `network` (link parameters,
 *   groups, cut links), `antiEntropy` ({ on, intervalMs, round }), `workload`, `actions`.
 * - Time: `step()` runs exactly one event; `advanceTo(t, maxEvents?)` / `runUntil(t)` /
 *   `advanceBy(dt, maxEvents?)` run every event up to virtual time t (a UI calls it each
 *   animation frame with now + dt × speed, see Player); `nextEventAt()`; `batch(fn)` notifies
 *   once for many calls; `runUntilConverged(maxMs)`; `sample()` takes a convergence sample now.
 * - Verdicts: `distinctStates()` (distinct digests, cached per replica), `isConverged()`; the
 *   full from-scratch comparison is `convergenceReport(docs)` in convergence.ts.
 * - Trace replay (trace/TraceReplay.ts) uses `setInterceptor` and `schedule`.
 * - Time travel (Timeline.ts drives it): `checkpoint()` saves the whole engine as data (the event
 *   queue, network, PRNGs, documents), `restore(cp)` puts it back, `position` (events + actions)
 *   says where a moment lies in the run, `jumpTo(t)` moves the clock for a replayed action,
 *   `setSeries` and `onRecord` let a timeline show old samples and fork on a new action.
 * - Actions (recorded with time and event count, for exportRun/replayRun in runRecord.ts):
 *   `act(action: SimAction)`, and shorthands `setLink`, `clearLink`, `partition`, `heal`,
 *   `cutLink`, `restoreLink`, `syncPair`, `setAntiEntropy`, `addReplica`, `removeReplica`,
 *   `startWorkload`, `stopWorkload`, `edit(replicaId, edit)`.
 * - Hand edits: a UI may edit `replica(id).doc` directly at any time. Any transaction whose origin
 *   is not a `Delivery` is a local edit: it is broadcast to every peer and recorded as a
 *   `handEdit` action (its update bytes), so exported runs replay it exactly.
 *
 * Contracts: every update entering a replica passes `Replica.receive` (validated, applied with a
 * `Delivery` origin, logged). Nothing here reads the wall clock, sets a timer or calls
 * Math.random: time is the Scheduler's, randomness comes from lib0/prng seeded by `config.seed`.
 */
import * as prng from 'lib0/prng'
import type * as Y from 'yjs'
import { describeTransaction } from '../summary'
import type { RecordedAction, SimAction } from './actions'
import { AntiEntropy } from './AntiEntropy'
import type { SimCheckpoint } from './Checkpoint'
import { ConvergenceSeries } from './ConvergenceSeries'
import { EngineCheckpoints, type EngineParts } from './EngineCheckpoints'
import { applyEdit, type Edit, editProblem, labelOf } from './edits'
import { checkLinkParams, type LinkParams } from './LinkParams'
import { MessageLog } from './MessageLog'
import { Network } from './Network'
import { deliver } from './deliver'
import { LabEdit } from './origins'
import { Notifier } from './Notifier'
import { replayHandEdit } from './replayHandEdit'
import type { Replica } from './Replica'
import { ReplicaSet } from './ReplicaSet'
import { Scheduler } from './Scheduler'
import { genesisUpdate } from './genesis'
import { MAX_REPLICAS, MIN_REPLICAS, resolveConfig, type SimConfig, type SimConfigInput } from './SimConfig'
import { Payload, type SimMessage } from './SimMessage'
import { syncStep1 } from './syncMessages'
import { quantize } from './time'
import { checkWorkloadParams, type WorkloadParams } from './Workload'
import { markEncodedHere } from './validatedOnce'
import { WorkloadRunner } from './WorkloadRunner'

/** Lets a trace replay hold back deliveries (return true from `arrive` to take the message over). */
export interface Interceptor {
  arrive(m: SimMessage): boolean
  dropped(m: SimMessage): void
}

export class Simulation {
  readonly config: Readonly<SimConfig>
  readonly network: Network
  private messageLog = new MessageLog()
  private samples = new ConvergenceSeries()
  private readonly plan: SimConfig['plan']
  /** Called after every recorded action (user actions and hand edits), for a timeline that forks. */
  onRecord: ((r: RecordedAction) => void) | null = null
  private readonly scheduler = new Scheduler()
  private readonly ae: AntiEntropy
  private runner: WorkloadRunner | null = null
  private readonly set: ReplicaSet
  private readonly workGen: prng.PRNG
  private recorded: RecordedAction[] = []
  private readonly notifier = new Notifier()
  private events = 0
  private ver = 0
  private nextSampleAt = 0
  private sampling = true
  private interceptor: Interceptor | null = null
  private readonly checkpoints: EngineCheckpoints

  constructor(input: SimConfigInput = {}) {
    const c = resolveConfig(input)
    this.config = c
    const root = prng.create(c.seed)
    const seedOf = () => prng.uint32(root, 0, 0xffffffff)
    const netGen = prng.create(seedOf())
    this.workGen = prng.create(seedOf())
    const idGen = prng.create(seedOf())
    this.network = new Network(
      this.scheduler,
      this.log,
      netGen,
      {
        liveIds: () => this.set.liveIds,
        isAlive: (id) => this.set.has(id),
        arrive: (m) => this.onArrive(m),
        dropped: (m) => this.interceptor?.dropped(m),
      },
      c.link,
    )
    this.set = new ReplicaSet(c.clientIds, idGen, genesisUpdate(c.initialText), () => this.scheduler.now, (rep, update, origin, tr) =>
      this.onLocal(rep, update, origin, tr),
    )
    for (let i = 0; i < c.replicas; i++) this.set.create()
    this.ae = new AntiEntropy(this.scheduler, () => this.set.liveIds, (a, b) => this.sendStep1(a, b), c.antiEntropy.intervalMs)
    if (c.antiEntropy.on) this.ae.set(true)
    this.plan = [...c.plan].sort((a, b) => a.at - b.at)
    this.plan.forEach((p, i) => {
      this.scheduler.schedule(quantize(p.at), () => this.apply(p.action), { k: 'plan', i })
    })
    this.checkpoints = new EngineCheckpoints(this.parts())
    if (c.sampleEveryMs > 0) this.sample()
  }

  /** The parts a checkpoint reads and a restore replaces, as live views of this engine's fields. */
  private parts(): EngineParts {
    const sim = this
    return {
      scheduler: this.scheduler,
      network: this.network,
      set: this.set,
      ae: this.ae,
      workGen: this.workGen,
      get log() { return sim.messageLog },
      set log(v) { sim.messageLog = v },
      get series() { return sim.samples },
      set series(v) { sim.samples = v },
      get runner() { return sim.runner },
      set runner(v) { sim.runner = v },
      get recorded() { return sim.recorded },
      set recorded(v) { sim.recorded = v },
      get events() { return sim.events },
      set events(v) { sim.events = v },
      get nextSampleAt() { return sim.nextSampleAt },
      set nextSampleAt(v) { sim.nextSampleAt = v },
      makeRunner: (p) => this.makeRunner(p),
      planned: (i) => {
        const p = this.plan[i]
        return p === undefined ? undefined : () => this.apply(p.action)
      },
    }
  }

  // ——— state ———

  /** Every message so far (replaced as a whole by `restore`). */
  get log(): MessageLog {
    return this.messageLog
  }

  /** The convergence series (replaced as a whole by `restore`). */
  get series(): ConvergenceSeries {
    return this.samples
  }

  /** Events run plus actions taken: this moment's place in the run's order of things. */
  get position(): number {
    return this.events + this.recorded.length
  }

  get now(): number {
    return this.scheduler.now
  }

  /** Events run so far (message arrivals, workload edits, anti-entropy rounds, planned actions). */
  get eventsRun(): number {
    return this.events
  }

  get version(): number {
    return this.ver
  }

  /** Live replicas, ascending id. The same array until membership changes. */
  get replicas(): readonly Replica[] {
    return this.set.live
  }

  get liveIds(): readonly number[] {
    return this.set.liveIds
  }

  replica(id: number): Replica | undefined {
    return this.set.get(id)
  }

  get antiEntropy(): { on: boolean; intervalMs: number; round: number } {
    return { on: this.ae.on, intervalMs: this.ae.intervalMs, round: this.ae.round }
  }

  /** The running workload, or null. */
  get workload(): { params: Readonly<WorkloadParams>; done: number } | null {
    return this.runner === null ? null : { params: this.runner.params, done: this.runner.done }
  }

  /** Actions taken by users so far, in order. */
  get actions(): readonly RecordedAction[] {
    return this.recorded
  }

  subscribe(listener: () => void): () => void {
    return this.notifier.subscribe(listener)
  }

  destroy(): void {
    this.ae.stop()
    this.runner?.stop()
    this.runner = null
    this.set.destroyAll()
    this.notifier.clear()
    this.interceptor = null
    this.onRecord = null
    this.checkpoints.forget()
  }

  // ——— time ———

  /** Runs exactly the next event. Returns false when there is none. */
  step(): boolean {
    const ran = this.runOne()
    if (ran) this.notify()
    return ran
  }

  /**
   * Runs every event up to and including virtual time `t` (at most `maxEvents`), then moves the
   * clock to `t` unless the budget ran out first. Returns the number of events run.
   */
  advanceTo(t: number, maxEvents = Number.POSITIVE_INFINITY): number {
    const target = quantize(t)
    let n = 0
    for (let next = this.scheduler.peekTime(); next !== null && next <= target && n < maxEvents; next = this.scheduler.peekTime()) {
      this.runOne()
      n++
    }
    const next = this.scheduler.peekTime()
    if ((next === null || next > target) && target > this.scheduler.now) {
      this.scheduler.runUntil(target)
      this.ver++
      this.maybeSample()
    }
    this.notify()
    return n
  }

  runUntil(t: number): number {
    return this.advanceTo(t)
  }

  advanceBy(dt: number, maxEvents = Number.POSITIVE_INFINITY): number {
    return this.advanceTo(this.scheduler.now + dt, maxEvents)
  }

  /** Time of the next event, or null. */
  nextEventAt(): number | null {
    return this.scheduler.peekTime()
  }

  /** Number of distinct states (snapshot digests) among live replicas; digests are cached per replica. */
  distinctStates(): number {
    const live = this.set.live
    if (live.length === 1) return 1
    const d0 = live[0].digest()
    let same = true
    for (const r of live) if (r.digest() !== d0) same = false
    if (same) return 1
    return new Set(live.map((r) => r.digest())).size
  }

  /** One state among live replicas and none holds pending updates. */
  isConverged(): boolean {
    return this.distinctStates() === 1 && this.set.live.every((r) => r.doc.store.pendingStructs === null && r.doc.store.pendingDs === null)
  }

  /** Advances in steps of `chunkMs` until `isConverged()` or `maxMs` have passed. Returns whether it converged. */
  runUntilConverged(maxMs: number, chunkMs = 100): boolean {
    const end = this.scheduler.now + maxMs
    for (;;) {
      if (this.isConverged()) return true
      if (this.scheduler.now >= end) return false
      this.advanceTo(Math.min(end, this.scheduler.now + chunkMs))
    }
  }

  /** Appends a convergence sample for the current time. */
  sample(): void {
    this.sampleAt(this.scheduler.now)
  }

  private sampleAt(t: number): void {
    this.samples.push(t, this.distinctStates(), this.messageLog.inFlight)
    this.nextSampleAt = t + this.config.sampleEveryMs
  }

  // ——— actions ———

  /** Applies a user action and records it (time, events run) for export. Throws RangeError on a bad action. */
  act(action: SimAction): unknown {
    const at = this.scheduler.now
    const step = this.events
    const result = this.apply(action)
    const r = { at, step, action: structuredClone(action) }
    this.recorded.push(r)
    this.ver++
    this.onRecord?.(r)
    this.notify()
    return result
  }

  setLink(params: Partial<LinkParams>, from?: number, to?: number): void {
    this.act(from === undefined ? { type: 'setLink', params } : { type: 'setLink', from, to, params })
  }
  clearLink(from: number, to: number): void {
    this.act({ type: 'clearLink', from, to })
  }
  partition(groups: number[][]): void {
    this.act({ type: 'partition', groups })
  }
  heal(): void {
    this.act({ type: 'heal' })
  }
  cutLink(a: number, b: number): void {
    this.act({ type: 'cutLink', a, b })
  }
  restoreLink(a: number, b: number): void {
    this.act({ type: 'restoreLink', a, b })
  }
  syncPair(a: number, b: number): void {
    this.act({ type: 'syncPair', a, b })
  }
  setAntiEntropy(on: boolean, intervalMs?: number): void {
    this.act({ type: 'setAntiEntropy', on, intervalMs })
  }
  addReplica(): Replica {
    return this.act({ type: 'addReplica' }) as Replica
  }
  removeReplica(id: number): void {
    this.act({ type: 'removeReplica', id })
  }
  startWorkload(params: WorkloadParams): void {
    this.act({ type: 'startWorkload', params })
  }
  stopWorkload(): void {
    this.act({ type: 'stopWorkload' })
  }
  /** Edits a replica; returns the new note id for addNote, else whether something changed. */
  edit(replica: number, edit: Edit): string | boolean {
    return this.act({ type: 'edit', replica, edit }) as string | boolean
  }

  /** Runs `fn` with listeners notified once at the end (if anything notified inside). */
  batch<T>(fn: () => T): T {
    return this.notifier.batch(fn)
  }

  // ——— checkpoints ———

  /** Moves the clock to `t` without running anything (for a replay that acts at a recorded time); no event may be due before `t`. */
  jumpTo(t: number): void {
    this.scheduler.jumpTo(t)
    this.ver++
  }

  /**
   * The whole engine now, as a checkpoint (see SimCheckpoint and EngineCheckpoints), or a
   * sentence saying why none can be taken (a trace replay's events are not data). Documents that
   * did not change since the previous checkpoint share its bytes.
   */
  checkpoint(): SimCheckpoint | string {
    if (this.interceptor !== null) return 'a trace replay is running'
    return this.checkpoints.take()
  }

  /**
   * Puts the whole engine back as it was at `cp` (a checkpoint of this simulation, from any
   * branch of its timeline). Every replica is rebuilt from its encoded document and checked
   * against the digest it had; on a CheckpointError nothing has changed. Listeners are told.
   */
  restore(cp: SimCheckpoint): void {
    if (this.interceptor !== null) throw new Error('cannot go back in time while a trace replays')
    this.checkpoints.restore(cp)
    this.ver++
    this.notify()
  }

  /**
   * Replaces the convergence series (a timeline shows a replayed stretch with the samples the run
   * took then) and switches automatic sampling on or off: samples cost a digest per changed
   * replica, far more than replaying the events between them.
   */
  setSeries(series: ConvergenceSeries, sampling: boolean): void {
    this.samples = series
    this.sampling = sampling
    const n = series.length
    if (sampling) this.nextSampleAt = n === 0 ? this.scheduler.now : series.t[n - 1] + this.config.sampleEveryMs
    this.ver++
  }

  // ——— for trace replay ———

  /** Installs (or removes, with null) the delivery interceptor. One at a time. */
  setInterceptor(i: Interceptor | null): void {
    if (i !== null && this.interceptor !== null) throw new Error('an interceptor is already installed')
    this.interceptor = i
  }

  /** Schedules an engine-internal callback (trace replay ticks). */
  schedule(delayMs: number, run: () => void): { cancelled: boolean } {
    return this.scheduler.schedule(quantize(delayMs), run)
  }

  // ——— internals ———

  private runOne(): boolean {
    const next = this.scheduler.peekTime()
    if (next === null) return false
    // The state is constant until this event: a sample due in the gap is taken now, at its due time.
    if (this.sampling && this.config.sampleEveryMs > 0 && next > this.nextSampleAt) this.sampleAt(this.nextSampleAt)
    this.scheduler.step()
    this.events++
    this.ver++
    this.maybeSample()
    return true
  }

  private maybeSample(): void {
    if (this.sampling && this.config.sampleEveryMs > 0 && this.scheduler.now >= this.nextSampleAt) this.sample()
  }

  private notify(): void {
    this.notifier.notify()
  }

  private requireLive(id: number): Replica {
    return this.set.require(id)
  }

  private apply(a: SimAction): unknown {
    switch (a.type) {
      case 'setLink':
        checkLinkParams(a.params)
        if (a.from === undefined && a.to === undefined) this.network.setDefaults(a.params)
        else if (a.from !== undefined && a.to !== undefined) this.network.setLink(a.from, a.to, a.params)
        else throw new RangeError('setLink needs both from and to, or neither')
        return
      case 'clearLink':
        return this.network.setLink(a.from, a.to, null)
      case 'partition':
        for (const g of a.groups) for (const id of g) this.requireLive(id)
        return this.reconnected(this.network.partition(a.groups))
      case 'heal':
        return this.reconnected(this.network.heal())
      case 'cutLink':
        return this.network.cut(this.requireLive(a.a).id, this.requireLive(a.b).id)
      case 'restoreLink':
        return this.reconnected(this.network.restore(a.a, a.b))
      case 'syncPair':
        this.requireLive(a.a)
        this.requireLive(a.b)
        return this.reconnected([[a.a, a.b]], true)
      case 'setAntiEntropy':
        return this.ae.set(a.on, a.intervalMs)
      case 'addReplica':
        return this.addReplicaNow()
      case 'removeReplica':
        return this.removeReplicaNow(a.id)
      case 'startWorkload':
        return this.startWorkloadNow(a.params)
      case 'stopWorkload':
        this.runner?.stop()
        this.runner = null
        return
      case 'edit': {
        const problem = editProblem(a.edit)
        if (problem !== null) throw new RangeError(problem)
        return applyEdit(this.requireLive(a.replica).doc, a.edit, new LabEdit('action', labelOf(a.edit)))
      }
      case 'handEdit':
        return replayHandEdit(this.requireLive(a.replica).doc, a.update, a.label)
      default:
        throw new RangeError(`unknown action ${JSON.stringify((a as { type: unknown }).type)}`)
    }
  }

  private addReplicaNow(): Replica {
    if (this.set.live.length >= MAX_REPLICAS) throw new RangeError(`at most ${MAX_REPLICAS} replicas`)
    const peers = this.set.liveIds
    const r = this.set.create()
    if (this.config.syncOnConnect) {
      this.reconnected(
        peers.map((p) => [p, r.id]),
        true,
      )
    }
    return r
  }

  private removeReplicaNow(id: number): void {
    if (this.set.live.length <= MIN_REPLICAS) throw new RangeError(`at least ${MIN_REPLICAS} replicas`)
    this.set.remove(id)
  }

  private startWorkloadNow(params: WorkloadParams): void {
    checkWorkloadParams(params)
    this.runner?.stop()
    this.runner = this.makeRunner(structuredClone(params))
    this.runner.start()
  }

  private makeRunner(p: WorkloadParams): WorkloadRunner {
    const runner: WorkloadRunner = new WorkloadRunner(
      this.scheduler,
      this.workGen,
      p,
      () => (p.writers === undefined ? this.set.live : this.set.live.filter((r) => p.writers?.includes(r.id))),
      (id, edit) => {
        applyEdit(this.requireLive(id).doc, edit, new LabEdit('workload', labelOf(edit)))
      },
      () => {
        if (this.runner === runner) this.runner = null
      },
    )
    return runner
  }

  /** Links that came back up: both ends send sync step 1 (if syncOnConnect, or when forced). */
  private reconnected(pairs: Array<[number, number]>, force = false): void {
    if (!force && !this.config.syncOnConnect) return
    for (const [a, b] of pairs) {
      this.sendStep1(a, b)
      this.sendStep1(b, a)
    }
  }

  private sendStep1(from: number, to: number): void {
    const r = this.set.get(from)
    if (r !== undefined) this.network.send(from, to, new Payload('sync-step1', syncStep1(r.doc), from))
  }

  private onLocal(replica: Replica, update: Uint8Array, origin: unknown, tr: Y.Transaction): void {
    let payload: Payload
    if (origin instanceof LabEdit) {
      if (origin.bytes === null) markEncodedHere(update)
      payload = new Payload('update', origin.bytes ?? update, replica.id, origin.label, origin.txn)
    } else {
      const label = describeTransaction(tr)
      const r: RecordedAction = { at: this.scheduler.now, step: this.events, action: { type: 'handEdit', replica: replica.id, update, label } }
      this.recorded.push(r)
      this.onRecord?.(r)
      markEncodedHere(update)
      payload = new Payload('update', update, replica.id, label)
    }
    replica.logOut(payload)
    for (const id of this.set.liveIds) if (id !== replica.id) this.network.send(replica.id, id, payload)
    if (!(origin instanceof LabEdit)) {
      this.ver++
      this.notify()
    }
  }

  private onArrive(m: SimMessage): void {
    if (this.interceptor?.arrive(m)) return
    const r = this.set.get(m.to)
    if (r !== undefined) deliver(m, r, this.network)
  }
}
