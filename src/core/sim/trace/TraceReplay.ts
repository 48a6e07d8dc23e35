import * as Y from 'yjs'
import { paletteClientIds } from '../paletteClientIds'
import { sharedText } from '../../schema'
import type { LinkParams } from '../LinkParams'
import { Delivery, LabEdit } from '../origins'
import type { Replica } from '../Replica'
import type { SimMessage } from '../SimMessage'
import { Simulation } from '../Simulation'
import { type CausalVersions, causalVersions } from './causalVersions'
import { codePointLength, utf16Offset } from './codePoints'
import type { Trace, TracePatch } from './parseTrace'
import { TraceFormatError } from './TraceFormatError'

export interface TraceReplayOptions {
  /** Virtual ms between two transactions of one agent (default 1). */
  editIntervalMs?: number
  /** Sequential traces: trace edits per Yjs transaction, hence per message (default 1). */
  batch?: number
  /** Delay before re-sending a trace update the network dropped (default 2 × latency + 10 ms). */
  resendAfterMs?: number
}

export interface TraceProgress {
  /** Trace transactions applied by their agents so far. */
  applied: number
  total: number
  /** Every transaction applied and every replica holds all of them. */
  done: boolean
  /** The last `step` stopped without progress: no event left, or its event budget ran out (a partition, say). */
  stalled: boolean
}

const patchLabel = ([, del, ins]: TracePatch): string =>
  ins !== '' ? `+${JSON.stringify(ins.length > 12 ? `${ins.slice(0, 12)}…` : ins)} text${del > 0 ? ` −${del}` : ''}` : `−${del} text`

/**
 * Replays an editing trace on a simulation's replicas, over its network, in virtual time.
 *
 * Sequential trace: the first replica types every edit (`batch` per transaction); the others
 * receive the updates as messages. Concurrent trace: agent k types on the k-th replica. Before
 * agent a applies txn t, its replica integrates exactly the causal past of t's parents: the trace
 * updates that reach an agent's replica are held back in an inbox and released, in trace order,
 * only when a transaction of that agent needs them; if one has not arrived yet, the agent waits.
 * A check at every transaction asserts that the replica's state vector equals that causal past.
 * Replicas that are not agents, and agents that have finished, integrate updates on arrival.
 * Trace updates the network drops are re-sent. Anti-entropy must be off and no workload running
 * (their updates would bypass the hold-back); the replicas must start empty.
 *
 * Driving: the simulation's own time (a view calling `sim.advanceTo`) or `step(maxEdits)`, which
 * runs events until at most `maxEdits` more transactions were applied.
 */
export class TraceReplay {
  readonly total: number
  private applied = 0
  private readonly agents: Replica[]
  private readonly agentOf = new Map<number, number>()
  private readonly cv: CausalVersions | null
  private readonly cursor: number[]
  private readonly integrated: Int32Array
  /** Per agent: own clock after each of its transactions (index s = after s transactions). */
  private readonly clockAfter: number[][]
  private readonly inbox: Array<Map<number, SimMessage>>
  private readonly waiting: boolean[]
  private readonly finished: boolean[]
  private readonly interval: number
  private readonly batchSize: number
  private readonly resendAfter: number
  private budget = Number.POSITIVE_INFINITY
  private pendingResends = 0
  private destroyed = false

  constructor(
    readonly sim: Simulation,
    readonly trace: Trace,
    opts: TraceReplayOptions = {},
  ) {
    const A = trace.kind === 'concurrent' ? trace.numAgents : 1
    if (sim.antiEntropy.on || sim.workload !== null) throw new Error('a trace replay needs anti-entropy off and no workload running')
    if (sim.replicas.length < A) throw new Error(`the trace has ${A} agents but the simulation only ${sim.replicas.length} replicas`)
    if (sim.replicas.some((r) => sharedText(r.doc).length > 0)) throw new Error('a trace replay needs replicas with an empty text')
    this.total = trace.txns.length
    this.agents = sim.replicas.slice(0, A)
    this.agents.forEach((r, a) => {
      this.agentOf.set(r.id, a)
    })
    this.cv = trace.kind === 'concurrent' ? causalVersions(trace) : null
    this.cursor = new Array(A).fill(0)
    this.integrated = new Int32Array(A * A)
    this.clockAfter = Array.from({ length: A }, () => [0])
    this.inbox = Array.from({ length: A }, () => new Map())
    this.waiting = new Array(A).fill(false)
    this.finished = new Array(A).fill(false)
    this.interval = opts.editIntervalMs ?? 1
    this.batchSize = Math.max(1, Math.floor(opts.batch ?? 1))
    const lat = (p: LinkParams) => p.latencyMs + p.jitterMs
    this.resendAfter = opts.resendAfterMs ?? 2 * lat(sim.network.defaultLink) + 10
    sim.setInterceptor({ arrive: (m) => this.arrive(m), dropped: (m) => this.dropped(m) })
    if (trace.startContent !== '') {
      const doc = this.agents[0].doc
      doc.transact(() => sharedText(doc).insert(0, trace.startContent), new LabEdit('trace', 'start content', -1))
    }
    for (let a = 0; a < A; a++) {
      if (this.ownTxns(a) === 0) this.finish(a)
      else this.scheduleTick(a)
    }
  }

  get progress(): TraceProgress {
    return { applied: this.applied, total: this.total, done: this.isDone(), stalled: false }
  }

  /**
   * Runs simulation events until `maxEdits` more transactions were applied (at most that many),
   * or the replay is done, or `maxEvents` events ran. Listeners are notified once.
   */
  step(maxEdits: number, maxEvents = maxEdits * 64 + 10_000): TraceProgress {
    return this.sim.batch(() => {
      const target = this.applied + Math.max(0, maxEdits)
      let events = 0
      let stalled = false
      this.budget = target - this.applied
      try {
        while ((this.applied < target || this.applied === this.total) && !this.isDone()) {
          if (!this.sim.step() || ++events >= maxEvents) {
            stalled = true
            break
          }
        }
      } finally {
        this.budget = Number.POSITIVE_INFINITY
      }
      return { applied: this.applied, total: this.total, done: this.isDone(), stalled }
    })
  }

  /** Replicas whose text differs from the trace's endContent (none when the replay is right). */
  mismatches(): number[] {
    return this.sim.replicas.filter((r) => sharedText(r.doc).toString() !== this.trace.endContent).map((r) => r.id)
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.sim.setInterceptor(null)
  }

  private ownTxns(a: number): number {
    return this.cv === null ? this.total : this.cv.byAgent[a].length
  }

  /**
   * Every transaction applied, no message in flight or waiting to be re-sent (deletions do not
   * show in state vectors, so equal vectors alone would not do), every replica holding every
   * agent's ops with nothing pending.
   */
  private isDone(): boolean {
    if (this.applied < this.total || this.sim.log.inFlight > 0 || this.pendingResends > 0) return false
    for (const r of this.sim.replicas) {
      if (r.doc.store.pendingStructs !== null || r.doc.store.pendingDs !== null) return false
      for (const agent of this.agents) if (Y.getState(r.doc.store, agent.clientId) !== Y.getState(agent.doc.store, agent.clientId)) return false
    }
    return true
  }

  private scheduleTick(a: number): void {
    this.sim.schedule(this.interval, () => {
      if (!this.destroyed) this.tryAgent(a)
    })
  }

  private arrive(m: SimMessage): boolean {
    const cv = this.cv
    const t = m.payload.txn
    if (cv === null || m.kind !== 'update' || t === null || t < 0) return false
    const a = this.agentOf.get(m.to)
    if (a === undefined || this.finished[a]) return false
    const b = this.trace.txns[t].agent
    if (cv.seq[t] < this.integrated[a * cv.numAgents + b]) return false
    this.inbox[a].set(t, m)
    if (this.waiting[a]) this.tryAgent(a)
    return true
  }

  private dropped(m: SimMessage): void {
    if (m.kind !== 'update' || m.payload.txn === null || m.dropReason === 'removed' || this.destroyed) return
    this.pendingResends++
    this.sim.schedule(this.resendAfter, () => {
      this.pendingResends--
      this.sim.network.send(m.from, m.to, m.payload, m.id)
    })
  }

  private release(a: number, m: SimMessage): void {
    const err = this.agents[a].receive(m.payload.data, new Delivery(m.id, m.from))
    if (err !== null) throw err
  }

  /** The held-back transactions agent a must integrate before txn t, in trace order; null if one has not arrived. */
  private needed(a: number, t: number, cv: CausalVersions): number[] | null {
    const A = cv.numAgents
    const out: number[] = []
    let sources = 0
    for (let b = 0; b < A; b++) {
      if (b === a) continue
      const have = this.integrated[a * A + b]
      const want = cv.vectors[t * A + b]
      if (want > have) sources++
      for (let s = have; s < want; s++) {
        const k = cv.byAgent[b][s]
        if (!this.inbox[a].has(k)) return null
        out.push(k)
      }
    }
    if (sources > 1) out.sort((x, y) => x - y)
    return out
  }

  private tryAgent(a: number): void {
    if (this.finished[a]) return
    if (this.cv === null) {
      this.typeSequential()
      return
    }
    const cv = this.cv
    const t = cv.byAgent[a][this.cursor[a]]
    const need = this.needed(a, t, cv)
    if (need === null) {
      this.waiting[a] = true
      return
    }
    this.waiting[a] = false
    for (const k of need) {
      const m = this.inbox[a].get(k) as SimMessage
      this.inbox[a].delete(k)
      this.release(a, m)
    }
    const A = cv.numAgents
    const doc = this.agents[a].doc
    for (let b = 0; b < A; b++) {
      if (b === a) continue
      const want = cv.vectors[t * A + b]
      this.integrated[a * A + b] = want
      if (Y.getState(doc.store, this.agents[b].clientId) !== this.clockAfter[b][want]) {
        throw new Error(`causality check failed at txns[${t}]: agent ${a} does not hold exactly the causal past of agent ${b}`)
      }
    }
    const patches = this.trace.txns[t].patches
    this.type(doc, [t], patches.length === 1 ? patchLabel(patches[0]) : `${patches.length} edits`, t)
    this.clockAfter[a].push(Y.getState(doc.store, doc.clientID))
    this.cursor[a]++
    this.applied++
    if (this.cursor[a] === cv.byAgent[a].length) this.finish(a)
    else this.scheduleTick(a)
  }

  private typeSequential(): void {
    const n = Math.min(this.batchSize, this.total - this.applied, this.budget)
    if (n > 0) {
      const txns: number[] = []
      for (let i = 0; i < n; i++) txns.push(this.applied + i)
      const first = this.trace.txns[txns[0]].patches
      this.type(this.agents[0].doc, txns, n === 1 && first.length === 1 ? patchLabel(first[0]) : `${n} edits`, txns[n - 1])
      this.applied += n
      this.budget -= n
    }
    if (this.applied === this.total) this.finish(0)
    else this.scheduleTick(0)
  }

  /** Applies the patches of `txns` in one transaction, after checking every position against the text. */
  private type(doc: Y.Doc, txns: number[], label: string, tag: number): void {
    const text = sharedText(doc)
    const astral = this.trace.astral
    let str = astral ? text.toString() : ''
    let len = astral ? codePointLength(str) : text.length
    const ops: Array<[number, number, string]> = []
    for (const i of txns) {
      const patches = this.trace.txns[i].patches
      for (let j = 0; j < patches.length; j++) {
        const [pos, del, ins] = patches[j]
        if (pos + del > len) {
          throw new TraceFormatError('out-of-range', `txns[${i}].patches[${j}]`, `position ${pos} + ${del} deleted is past the end (${len})`)
        }
        if (astral) {
          const at = utf16Offset(str, pos)
          const end = utf16Offset(str, pos + del)
          ops.push([at, end - at, ins])
          str = str.slice(0, at) + ins + str.slice(end)
          len += codePointLength(ins) - del
        } else {
          ops.push([pos, del, ins])
          len += ins.length - del
        }
      }
    }
    doc.transact(() => {
      for (const [at, del, ins] of ops) {
        if (del > 0) text.delete(at, del)
        if (ins !== '') text.insert(at, ins)
      }
    }, new LabEdit('trace', label, tag))
  }

  /** Agent a has typed everything: it releases what it holds and integrates on arrival from now on. */
  private finish(a: number): void {
    this.finished[a] = true
    this.waiting[a] = false
    const held = [...this.inbox[a].keys()].sort((x, y) => x - y)
    for (const k of held) this.release(a, this.inbox[a].get(k) as SimMessage)
    this.inbox[a].clear()
  }
}

export interface TraceSimulationOptions extends TraceReplayOptions {
  seed?: number
  /** Replicas (default: one per agent, at least 2); extra ones only observe. */
  replicas?: number
  link?: Partial<LinkParams>
  sampleEveryMs?: number
}

/** A fresh simulation set up for `trace` (anti-entropy off, empty replicas) and its replay. */
export const createTraceReplay = (trace: Trace, opts: TraceSimulationOptions = {}): TraceReplay => {
  const agents = trace.kind === 'concurrent' ? trace.numAgents : 1
  const replicas = Math.max(2, agents, opts.replicas ?? 0)
  const seed = opts.seed ?? 1
  const sim = new Simulation({
    seed,
    replicas,
    // Ascending with agent numbers: Yjs orders concurrent inserts at one position by clientID,
    // and a trace's endContent assumes its writers' ids rise with their agent numbers.
    clientIds: paletteClientIds(seed, replicas),
    link: opts.link,
    antiEntropy: { on: false },
    sampleEveryMs: opts.sampleEveryMs ?? 0,
  })
  return new TraceReplay(sim, trace, opts)
}
