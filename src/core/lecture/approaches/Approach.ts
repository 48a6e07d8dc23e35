import * as prng from 'lib0/prng'
import type { Scheduler } from '../../sim/Scheduler'
import {
  type AppRequest,
  type AppResponse,
  type Carried,
  type ClientId,
  HTTP_REQUEST_BYTES,
  HTTP_RESPONSE_BYTES,
  isWrite,
  jsonBytes,
  opBytes,
} from '../cart'
import type { LectureConfig } from '../config'
import { Endpoint } from '../Endpoint'
import { FailoverClient } from '../FailoverClient'
import { type Authority, Ledger } from '../Ledger'
import { LectureNet, type LinkSpec, type NodeSpec } from '../LectureNet'
import { Metrics } from '../Metrics'
import { Station } from '../Station'
import {
  type ApproachId,
  type ApproachMetrics,
  type BytesWhere,
  FAULT_KINDS,
  type FaultEffect,
  type FaultKind,
  type NodeView,
  type WindowKey,
  type WindowStats,
} from '../types'

export interface ApproachContext {
  readonly sched: Scheduler
  readonly cfg: LectureConfig
  readonly seed: number
}

export type ServerId = 'A' | 'A2'
export const SERVERS: readonly ServerId[] = ['A', 'A2']

/** The body of a client's request: the request, plus the client-held state the approach attaches. */
export interface RequestPayload {
  readonly req: AppRequest
  readonly carried: Carried | null
}

/** Faults every approach has something for: A and the C–A link exist everywhere. */
const COMMON_FAULTS: readonly FaultKind[] = ['kill-a', 'slow-link', 'overload-a']

const BASE_NODES: readonly NodeSpec[] = [
  { id: 'C', kind: 'client', label: 'C' },
  { id: 'D', kind: 'client', label: 'D' },
  { id: 'A', kind: 'server', label: 'A' },
  { id: 'A2', kind: 'server', label: 'A′' },
]

/** A seed per approach, so that each approach's network jitter does not depend on which others run. */
const seedFor = (seed: number, id: string): number => {
  let h = 2166136261 ^ (seed >>> 0)
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619)
  return h >>> 0
}

const responseBytes = (r: AppResponse): number =>
  HTTP_RESPONSE_BYTES +
  (r.status === 'ok' && r.view !== undefined ? jsonBytes(r.view) : 0) +
  (r.status !== 'error' && r.carried !== undefined ? carriedBytes(r.carried) : 0)

export const carriedBytes = (c: Carried): number => (typeof c === 'string' ? c.length : jsonBytes(c))

/**
 * What the six approaches share: clients C (near A) and D (near A′) with failover, servers A and A′
 * with a CPU queue, a network, a ledger of acknowledged writes and the metrics. An approach adds
 * its own nodes and links, says how a server handles a request, and where its state sits.
 */
export abstract class Approach {
  readonly net: LectureNet
  readonly metrics: Metrics
  protected readonly ledger = new Ledger()
  protected readonly sched: Scheduler
  protected readonly cfg: LectureConfig
  /** Seeded per approach: jitter, clientIDs. */
  protected readonly rng: prng.PRNG
  private readonly endpoints = new Map<string, Endpoint>()
  private readonly clients: Record<ClientId, FailoverClient>

  constructor(
    readonly id: ApproachId,
    ctx: ApproachContext,
    extraNodes: readonly NodeSpec[],
    extraLinks: readonly LinkSpec[],
    private readonly ownFaults: readonly FaultKind[],
  ) {
    this.sched = ctx.sched
    this.cfg = ctx.cfg
    this.rng = prng.create(seedFor(ctx.seed, id))
    this.metrics = new Metrics(ctx.cfg.recentWindowMs)
    const cfg = ctx.cfg
    const nodes = [...BASE_NODES, ...extraNodes]
    const links: LinkSpec[] = [
      { a: 'C', b: 'A', latencyMs: cfg.nearMs },
      { a: 'C', b: 'A2', latencyMs: cfg.farMs },
      { a: 'D', b: 'A', latencyMs: cfg.farMs },
      { a: 'D', b: 'A2', latencyMs: cfg.nearMs },
      ...extraLinks,
    ]
    this.net = new LectureNet(ctx.sched, this.rng, cfg.jitter, cfg.logSize, nodes, links)
    for (const n of nodes) this.endpoints.set(n.id, new Endpoint(n.id, this.net, ctx.sched, this.stationFor(n)))
    const opts = { timeoutMs: cfg.clientTimeoutMs, suspectMs: cfg.suspectMs, overloadSuspectMs: cfg.overloadSuspectMs }
    this.clients = {
      C: new FailoverClient(this.endpoint('C'), ctx.sched, ['A', 'A2'], opts),
      D: new FailoverClient(this.endpoint('D'), ctx.sched, ['A2', 'A'], opts),
    }
    for (const s of SERVERS) {
      this.endpoint(s).onCall = (msg, respond) => {
        const { req, carried } = msg.payload as RequestPayload
        this.handle(s, req, carried, (r) => respond(r, responseBytes(r)))
      }
    }
  }

  // ---- what each approach defines ----

  /** Serves one request on server A or A′ (called when its CPU time is done); answers exactly once, or never if it crashes. */
  protected abstract handle(server: ServerId, req: AppRequest, carried: Carried | null, respond: (r: AppResponse) => void): void
  /** Where the approach keeps its state, for counting lost writes. */
  protected abstract authority(): Authority
  /** Bytes of application state held by a node right now. */
  protected abstract nodeBytes(node: string): number
  /** Whether A and A′ hold the same local state now (null when one is down), and what is compared. */
  abstract stateEquality(): { state: boolean | null; detail: string }

  /** Client-held state the client attaches to a request (none by default). */
  protected carriedFor(_req: AppRequest): Carried | null {
    return null
  }
  /** The client keeps client-held state a response carried. */
  protected keepCarried(_req: AppRequest, _carried: Carried): void {}
  protected injectOwn(_fault: FaultKind): void {}
  protected recoverOwn(_fault: FaultKind): void {}
  protected onCrash(_node: string): void {}
  protected onRestart(_node: string): void {}
  /** Approach-specific counters (cache hits and misses, compare-and-set retries, …). */
  extras(): Record<string, number> {
    return {}
  }
  destroy(): void {}

  // ---- shared machinery ----

  protected endpoint(id: string): Endpoint {
    const e = this.endpoints.get(id)
    if (e === undefined) throw new Error(`${this.id}: no node ${id}`)
    return e
  }

  applies(fault: FaultKind): boolean {
    return COMMON_FAULTS.includes(fault) || this.ownFaults.includes(fault)
  }

  faultTable(): Record<FaultKind, FaultEffect> {
    return Object.fromEntries(FAULT_KINDS.map((f) => [f, this.applies(f) ? 'applied' : 'n/a'])) as Record<FaultKind, FaultEffect>
  }

  /** The client issues `req` now; `windows` are the faults active now ('none' if none). */
  submit(req: AppRequest, windows: readonly WindowKey[]): void {
    this.metrics.issued(windows)
    const exp = req.op.kind === 'read' ? this.ledger.expectation(req.user) : null
    const build = () => {
      const carried = this.carriedFor(req)
      const bytes = HTTP_REQUEST_BYTES + opBytes(req.op) + (carried === null ? 0 : carriedBytes(carried))
      return { payload: { req, carried } satisfies RequestPayload, bytes }
    }
    this.clients[req.client].send(req, build, (o) => {
      const r = o.response
      if (r !== null && r.status !== 'error' && r.carried !== undefined) this.keepCarried(req, r.carried)
      if (o.status === 'ok' && isWrite(req.op)) this.ledger.ack(req)
      if (o.status === 'refused' && o.reason === 'cookie-too-large') this.metrics.rejectedWrites++
      const view = r !== null && r.status === 'ok' ? r.view : undefined
      this.metrics.finished(req, windows, o, exp !== null && view !== undefined ? this.ledger.staleness(exp, view) : null)
    })
  }

  inject(fault: FaultKind): FaultEffect {
    if (!this.applies(fault)) return 'n/a'
    if (fault === 'kill-a') this.crashNode('A')
    else if (fault === 'overload-a') this.station('A').serviceMs = this.cfg.serverServiceMs * this.cfg.overloadFactor
    else if (fault === 'slow-link') this.net.setSlow('C', 'A', this.cfg.slowFactor)
    else this.injectOwn(fault)
    return 'applied'
  }

  recover(fault: FaultKind): FaultEffect {
    if (!this.applies(fault)) return 'n/a'
    if (fault === 'kill-a') this.restartNode('A')
    else if (fault === 'overload-a') this.station('A').serviceMs = this.cfg.serverServiceMs
    else if (fault === 'slow-link') this.net.setSlow('C', 'A', 1)
    else this.recoverOwn(fault)
    return 'applied'
  }

  /**
   * A node crashes: it drops off the network and forgets its queue, its pending calls and whatever
   * it held in memory. Faults use this; tests and custom experiments may call it for any node.
   */
  crashNode(node: string): void {
    this.net.setUp(node, false)
    this.endpoint(node).crash()
    this.onCrash(node)
  }

  /** The node comes back (a new incarnation: empty memory, unless its data is durable). */
  restartNode(node: string): void {
    this.net.setUp(node, true)
    this.onRestart(node)
  }

  protected station(node: string): Station {
    const s = this.endpoint(node).station
    if (s === null) throw new Error(`${node} has no station`)
    return s
  }

  /** Samples A = A′ (called every `probeMs`). */
  probe(): void {
    this.metrics.probe(this.stateEquality().state)
  }

  nodeViews(): NodeView[] {
    return this.net.nodeSpecs.map((n) => {
      const s = this.endpoint(n.id).station
      return {
        id: n.id,
        kind: n.kind,
        label: n.label,
        up: this.net.isUp(n.id),
        queued: s?.queued ?? 0,
        busy: s?.busy ?? 0,
        bytes: this.nodeBytes(n.id),
      }
    })
  }

  bytesWhere(): BytesWhere {
    const out = { servers: 0, db: 0, cache: 0, client: 0 }
    for (const n of this.net.nodeSpecs) {
      const key = n.kind === 'server' ? 'servers' : n.kind
      out[key] += this.nodeBytes(n.id)
    }
    return out
  }

  metricsView(): ApproachMetrics {
    const m = this.metrics
    const finished = m.answered + m.failed
    const eq = this.stateEquality()
    const fate = this.ledger.fate(this.authority())
    const windows = {} as Record<WindowKey, WindowStats | 'n/a'>
    for (const w of ['none', ...FAULT_KINDS] as const) windows[w] = w !== 'none' && !this.applies(w) ? 'n/a' : m.windowStats(w)
    return {
      requests: m.requests,
      answered: m.answered,
      ok: m.ok,
      refused: m.refused,
      failed: m.failed,
      pending: m.requests - finished,
      availability: finished === 0 ? null : m.answered / finished,
      latency: m.latencyStats(),
      readLatency: m.latencyStats('read'),
      writeLatency: m.latencyStats('write'),
      recent: m.recentStats(this.sched.now),
      failovers: m.failovers,
      messages: this.net.sent,
      messagesPerRequest: m.requests === 0 ? null : Math.round((this.net.sent / m.requests) * 100) / 100,
      bytesPerRequest: m.requests === 0 ? null : Math.round(this.net.bytesSent / m.requests),
      reads: m.reads,
      staleReads: m.staleReads,
      staleCartReads: m.staleCartReads,
      staleCounterReads: m.staleCounterReads,
      rejectedWrites: m.rejectedWrites,
      tamperDetected: m.tamperDetected,
      duplicateWrites: m.duplicateWrites,
      dataLost: fate.lostForGood,
      notYetEverywhere: fate.notYetEverywhere,
      bytes: this.bytesWhere(),
      aEqualsA2: {
        code: true,
        state: eq.state,
        equalFraction: m.probes === 0 ? null : Math.round((m.equalProbes / m.probes) * 1000) / 1000,
        detail: eq.detail,
      },
      windows,
      extras: this.extras(),
    }
  }

  /** CPU queues: a database or cache sheds work it could not finish before its callers give up on it. */
  private stationFor(n: NodeSpec): Station | null {
    const c = this.cfg
    if (n.kind === 'server') return new Station(this.sched, c.serverWorkers, c.serverServiceMs, c.maxResidenceMs)
    if (n.kind === 'db') return new Station(this.sched, c.dbWorkers, c.dbServiceMs, c.dbTimeoutMs)
    if (n.kind === 'cache') return new Station(this.sched, c.cacheWorkers, c.cacheServiceMs, c.cacheTimeoutMs)
    return null
  }
}

