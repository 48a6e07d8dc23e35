import { isWrite, type AppRequest } from './cart'
import type { Outcome } from './FailoverClient'
import { LatencyHistogram, quantileOf } from './LatencyHistogram'
import { FAULT_KINDS, type LatencyStats, type WindowKey, type WindowStats } from './types'

const WINDOW_KEYS: readonly WindowKey[] = ['none', ...FAULT_KINDS]

class WindowCounter {
  requests = 0
  answered = 0
  failed = 0
  writesAnswered = 0
  writesFailed = 0
  readonly latency = new LatencyHistogram()

  stats(): WindowStats {
    const finished = this.answered + this.failed
    return {
      requests: this.requests,
      answered: this.answered,
      failed: this.failed,
      availability: finished === 0 ? null : this.answered / finished,
      writeAvailability: ratio(this.writesAnswered, this.writesAnswered + this.writesFailed),
      ...latencyOf(this.latency),
    }
  }
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b)

const latencyOf = (h: LatencyHistogram): LatencyStats => ({ p50: h.quantile(0.5), p95: h.quantile(0.95), mean: h.mean() })

interface Recent {
  readonly at: number
  readonly latencyMs: number
  readonly answered: boolean
  readonly write: boolean
}

/**
 * Counters of one approach's requests, by outcome and by window (the faults active when a request
 * was issued). Bounded memory: latencies go to histograms, the live window keeps the last second.
 */
export class Metrics {
  requests = 0
  answered = 0
  ok = 0
  refused = 0
  failed = 0
  failovers = 0
  reads = 0
  staleReads = 0
  staleCartReads = 0
  staleCounterReads = 0
  rejectedWrites = 0
  tamperDetected = 0
  duplicateWrites = 0
  equalProbes = 0
  probes = 0
  readonly latency = new LatencyHistogram()
  readonly readLatency = new LatencyHistogram()
  readonly writeLatency = new LatencyHistogram()
  private readonly windows = new Map<WindowKey, WindowCounter>(WINDOW_KEYS.map((k) => [k, new WindowCounter()]))
  /** Finished requests, oldest first; entries before `recentHead` have left the live window. */
  private recent: Recent[] = []
  private recentHead = 0
  private readonly executedWrites = new Set<number>()

  constructor(private readonly recentWindowMs: number) {}

  issued(windows: readonly WindowKey[]): void {
    this.requests++
    for (const w of windows) this.windows.get(w)!.requests++
  }

  finished(req: AppRequest, windows: readonly WindowKey[], o: Outcome, stale: { cart: boolean; counter: boolean } | null): void {
    const answered = o.status !== 'failed'
    if (answered) {
      this.answered++
      this.latency.add(o.latencyMs)
      if (isWrite(req.op)) this.writeLatency.add(o.latencyMs)
      else this.readLatency.add(o.latencyMs)
      if (o.failover) this.failovers++
    } else this.failed++
    if (o.status === 'ok') this.ok++
    if (o.status === 'refused') this.refused++
    if (req.op.kind === 'read' && answered) {
      this.reads++
      if (stale?.cart || stale?.counter) this.staleReads++
      if (stale?.cart) this.staleCartReads++
      if (stale?.counter) this.staleCounterReads++
    }
    for (const w of windows) {
      const c = this.windows.get(w)!
      if (answered) {
        c.answered++
        c.latency.add(o.latencyMs)
      } else c.failed++
      if (isWrite(req.op)) {
        if (answered) c.writesAnswered++
        else c.writesFailed++
      }
    }
    const at = req.issuedAt + o.latencyMs
    this.recent.push({ at, latencyMs: o.latencyMs, answered, write: isWrite(req.op) })
    this.prune(at)
  }

  /** Forgets finished requests older than the live window (amortised O(1)). */
  private prune(now: number): void {
    const from = now - this.recentWindowMs
    while (this.recentHead < this.recent.length && this.recent[this.recentHead].at <= from) this.recentHead++
    if (this.recentHead > 1024 && this.recentHead * 2 > this.recent.length) {
      this.recent = this.recent.slice(this.recentHead)
      this.recentHead = 0
    }
  }

  /** A server executed this request; a write executed twice counts as a duplicate. */
  executed(req: AppRequest): void {
    if (!isWrite(req.op)) return
    if (this.executedWrites.has(req.id)) this.duplicateWrites++
    else this.executedWrites.add(req.id)
  }

  probe(equal: boolean | null): void {
    if (equal === null) return
    this.probes++
    if (equal) this.equalProbes++
  }

  latencyStats(of: 'all' | 'read' | 'write' = 'all'): LatencyStats {
    return latencyOf(of === 'all' ? this.latency : of === 'read' ? this.readLatency : this.writeLatency)
  }

  windowStats(key: WindowKey): WindowStats {
    return this.windows.get(key)!.stats()
  }

  /** Stats over requests finished in (now − recentWindowMs, now]. */
  recentStats(now: number): WindowStats {
    this.prune(now)
    const lastSecond = this.recent.slice(this.recentHead)
    const lat = lastSecond.filter((r) => r.answered).map((r) => r.latencyMs)
    lat.sort((a, b) => a - b)
    return {
      requests: lastSecond.length,
      answered: lat.length,
      failed: lastSecond.length - lat.length,
      availability: lastSecond.length === 0 ? null : lat.length / lastSecond.length,
      writeAvailability: ratio(lastSecond.filter((r) => r.write && r.answered).length, lastSecond.filter((r) => r.write).length),
      p50: quantileOf(lat, 0.5),
      p95: quantileOf(lat, 0.95),
      mean: lat.length === 0 ? null : Math.round((lat.reduce((s, x) => s + x, 0) / lat.length) * 10) / 10,
    }
  }
}
