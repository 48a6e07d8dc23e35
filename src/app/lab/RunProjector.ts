import { colorAt } from '../../core/colors'
import { pendingOf } from '../../core/pending'
import { counterMap, counterValue, listNotes, notesMap } from '../../core/schema'
import { opCount, stateVectorOf } from '../../core/stateVector'
import { type Replica, replicaName, type Simulation } from '../../core/sim'
import { EMPTY_MATRIX, equalityMatrix, type ReplicaFacts } from '../../state/lab/equality'
import type { LabState, LinkOverride, ReplicaContent, ReplicaIdentity, ReplicaStateView } from '../../state/lab/labStore'
import { effectiveGroups } from '../../state/lab/partitionGroups'
import { topologyMarks } from '../../state/lab/topologyMarks'

/** A state refresh may take at most this share of wall time: costly ones (big documents) run less often. */
const STATE_COST_FACTOR = 20
/** …but at least this often (wall ms). */
const MAX_STATE_INTERVAL_MS = 1000
/**
 * With many replicas a refresh redraws n² matrix cells twice (A = A′ and state vectors), which
 * costs React far more than the digests: past 12 replicas, at most ~4 refreshes a second.
 */
const manyReplicasInterval = (n: number): number => (n > 12 ? 250 : 0)

interface Watched {
  replica: Replica
  identity: ReplicaIdentity
  undo: () => void
}

type Patch = Partial<Omit<LabState, 'actions'>>

/**
 * Projects one simulation into the lab store's shape, incrementally. Observers only mark things
 * dirty (a replica's notes, its counter, "some document changed"); `project()` runs once per frame
 * and recomputes only what is dirty. The costly part, digests and the matrices, is throttled so
 * that it takes at most 1/STATE_COST_FACTOR of wall time (it costs ~2 ms per replica on a
 * 100k-character trace document, ~0.05 ms on a small one). Owns its observers: `destroy()`.
 */
export class RunProjector {
  private readonly watched = new Map<number, Watched>()
  private membership: readonly Replica[] | null = null
  private readonly notesDirty = new Set<number>()
  private readonly counterDirty = new Set<number>()
  private stateDirty = true
  private lastStateWall = Number.NEGATIVE_INFINITY
  private lastStateCost = 0
  private topology = ''
  private marksKey = ''
  private marksLog: unknown = null
  private overrideSig = ''

  constructor(
    readonly sim: Simulation,
    /** Told when an observer marked something dirty (the app then asks for a frame). */
    private readonly onDirty: () => void,
    private readonly wallNow: () => number,
  ) {}

  /** Forces the next `project()` to refresh states (digests, matrices) whatever the throttle says. */
  invalidateStates(): void {
    this.stateDirty = true
    this.lastStateWall = Number.NEGATIVE_INFINITY
  }

  /** Whether a state refresh is owed (the frame loop keeps running until it is done). */
  get owesStates(): boolean {
    return this.stateDirty
  }

  /**
   * What changed since the last call, as a store patch (`prev` is the store's current state, so
   * unchanged references are kept). With `numbers`, also the numbers shown as text (and, while a
   * trace types, `textLengths`, each replica's text length).
   */
  project(prev: LabState, numbers: boolean, textLengths = false): Patch {
    const sim = this.sim
    const patch: Patch = {}
    if (sim.replicas !== this.membership) this.syncMembership(patch)
    const ids = sim.liveIds

    if (this.notesDirty.size > 0 || this.counterDirty.size > 0) {
      const content: Record<number, ReplicaContent> = { ...(patch.content ?? prev.content) }
      for (const id of new Set([...this.notesDirty, ...this.counterDirty])) {
        const w = this.watched.get(id)
        if (w === undefined) continue
        const old = content[id]
        const doc = w.replica.doc
        content[id] = {
          notes: this.notesDirty.has(id) || old === undefined ? listNotes(doc) : old.notes,
          counter: this.counterDirty.has(id) || old === undefined ? counterValue(doc) : old.counter,
        }
      }
      this.notesDirty.clear()
      this.counterDirty.clear()
      patch.content = content
    }

    const wall = this.wallNow()
    const interval = Math.max(manyReplicasInterval(sim.replicas.length), Math.min(MAX_STATE_INTERVAL_MS, STATE_COST_FACTOR * this.lastStateCost))
    if (this.stateDirty && wall - this.lastStateWall >= interval) {
      this.stateDirty = false
      this.lastStateWall = wall
      this.projectStates(patch)
      this.lastStateCost = this.wallNow() - wall
    }

    if (numbers && textLengths) {
      const lengths: Record<number, number> = {}
      let changed = false
      for (const r of sim.replicas) {
        lengths[r.id] = r.doc.getText('text').length
        if (prev.textLengths[r.id] !== lengths[r.id]) changed = true
      }
      if (changed) patch.textLengths = lengths
    }

    this.projectNetwork(prev, ids, patch)

    if (prev.now !== sim.now) patch.now = sim.now
    const n = prev.numbers
    if (numbers && (n.now !== sim.now || n.events !== sim.eventsRun || n.inFlight !== sim.log.inFlight || n.messages !== sim.log.length)) {
      patch.numbers = { now: sim.now, events: sim.eventsRun, inFlight: sim.log.inFlight, messages: sim.log.length }
    }
    if (prev.log !== sim.log) patch.log = sim.log
    if (prev.series !== sim.series) patch.series = sim.series
    if (prev.logVersion !== sim.log.version || patch.log !== undefined) patch.logVersion = sim.log.version
    if (prev.seriesVersion !== sim.series.version || patch.series !== undefined) patch.seriesVersion = sim.series.version
    return patch
  }

  destroy(): void {
    for (const w of this.watched.values()) w.undo()
    this.watched.clear()
  }

  private syncMembership(patch: Patch): void {
    const sim = this.sim
    this.membership = sim.replicas
    // A restored checkpoint brings new replicas (new documents) under the same ids.
    const live = new Map(sim.replicas.map((r) => [r.id, r]))
    for (const [id, w] of this.watched) {
      if (live.get(id) !== w.replica) {
        w.undo()
        this.watched.delete(id)
      }
    }
    for (const r of sim.replicas) if (!this.watched.has(r.id)) this.watch(r)
    patch.replicas = sim.replicas.map((r) => (this.watched.get(r.id) as Watched).identity)
    this.invalidateStates()
  }

  private watch(r: Replica): void {
    const doc = r.doc
    const onUpdate = () => {
      this.stateDirty = true
      this.onDirty()
    }
    const onNotes = () => {
      this.notesDirty.add(r.id)
      this.onDirty()
    }
    const onCounter = () => {
      this.counterDirty.add(r.id)
      this.onDirty()
    }
    // 'afterTransaction', not 'update': with no 'update' listener Yjs does not encode deliveries.
    doc.on('afterTransaction', onUpdate)
    const notes = notesMap(doc)
    const counter = counterMap(doc)
    notes.observeDeep(onNotes)
    counter.observe(onCounter)
    this.notesDirty.add(r.id)
    this.counterDirty.add(r.id)
    // Coloured by its place in the run, not its clientID: a scenario's fixed clientIDs must not recolour A.
    const identity: ReplicaIdentity = { id: r.id, name: r.name, clientId: r.clientId, color: colorAt(r.id), text: doc.getText('text') }
    this.watched.set(r.id, {
      replica: r,
      identity,
      undo: () => {
        doc.off('afterTransaction', onUpdate)
        notes.unobserveDeep(onNotes)
        counter.unobserve(onCounter)
      },
    })
  }

  private projectStates(patch: Patch): void {
    const sim = this.sim
    const facts: ReplicaFacts[] = sim.replicas.map((r) => ({
      id: r.id,
      name: r.name,
      clientId: r.clientId,
      digest: r.digest(),
      sv: stateVectorOf(r.doc),
      pending: pendingOf(r.doc),
    }))
    const states: Record<number, ReplicaStateView> = {}
    for (const f of facts) states[f.id] = { digest: f.digest, pending: f.pending.has, ops: opCount(f.sv) }
    patch.states = states
    patch.equality = facts.length === 0 ? EMPTY_MATRIX : equalityMatrix(facts)
    patch.svRows = facts.map((f) => ({ clientID: f.clientId, label: f.name, sv: f.sv }))
    patch.statesAt = sim.now
    // Digests are fresh (cached per replica): a convergence sample now costs nothing more.
    if (sim.config.sampleEveryMs === 0) sim.sample()
  }

  private projectNetwork(prev: LabState, ids: readonly number[], patch: Patch): void {
    const net = this.sim.network
    const groups = effectiveGroups(net.groups, ids)
    const cuts = net.cutLinks
    const sig = JSON.stringify([groups, cuts])
    if (sig !== this.topology) {
      this.topology = sig
      patch.groups = groups
      patch.cuts = cuts
    }
    const plan = this.sim.config.plan
    let planDone = 0
    for (const p of plan) if (p.at <= this.sim.now) planDone++
    const marksKey = `${this.sim.actions.length}/${planDone}/${this.sim.log === this.marksLog}`
    if (marksKey !== this.marksKey) {
      this.marksKey = marksKey
      this.marksLog = this.sim.log
      const name = (id: number) => this.sim.replica(id)?.name ?? replicaName(id)
      patch.marks = topologyMarks(plan, this.sim.actions, this.sim.now, ids, name)
    }
    if (prev.link !== net.defaultLink) patch.link = net.defaultLink
    const overrides = net.linkOverrides
    const osig = JSON.stringify(overrides)
    if (osig !== this.overrideSig) {
      this.overrideSig = osig
      patch.overrides = overrides.map(([from, to, params]): LinkOverride => ({ from, to, params }))
    }
    const ae = this.sim.antiEntropy
    if (prev.antiEntropy.on !== ae.on || prev.antiEntropy.intervalMs !== ae.intervalMs) patch.antiEntropy = { on: ae.on, intervalMs: ae.intervalMs }
    const w = this.sim.workload
    const running = w !== null
    const done = w?.done ?? prev.workload.done
    if (prev.workload.running !== running || prev.workload.done !== done) patch.workload = { ...prev.workload, running, done }
  }
}
