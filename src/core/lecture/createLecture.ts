/**
 * The Lecture: six answers to "where does the state live?", run side by side on one virtual clock
 * with one request stream, so that their numbers compare.
 *
 *   const lecture = createLecture({ seed: 1, requestRate: 40 })
 *   lecture.approaches            // id, title, stateLives, explanation, weakness, faults (applied | n/a)
 *   lecture.advanceTo(5_000)      // run virtual time forward (ms); or lecture.step() for one event
 *   lecture.inject('kill-a')      // → { 'shared-db': 'applied', …, per approach }; recover('kill-a') undoes
 *   lecture.activeFaults          // faults injected and not yet recovered
 *   lecture.setRequestRate(300)   // requests per second (Poisson); 0 stops the stream
 *   lecture.snapshot()            // per approach: metrics, nodes, links, recent messages; cached per version
 *   lecture.version               // increases on every change: poll it once per frame, compare numbers
 *   lecture.subscribe(fn)         // called after each change; returns unsubscribe
 *   lecture.summary()             // metrics only: plain data, deep-equal for the same seed and actions
 *   lecture.destroy()
 *
 * Contracts: no wall clock, no timers, no Math.random. Time moves only through advanceTo/step; the
 * same seed, config and calls (at the same virtual times) give the same snapshot and summary. The
 * request stream does not depend on which approaches run or how they behave.
 */
import type { Scheduler as SchedulerType } from '../sim/Scheduler'
import { Scheduler } from '../sim/Scheduler'
import { APPROACH_TEXT } from './approachInfo'
import type { Approach, ApproachContext } from './approaches/Approach'
import { CacheApproach } from './approaches/CacheApproach'
import { CookiesApproach } from './approaches/CookiesApproach'
import { CrdtApproach } from './approaches/CrdtApproach'
import { FunctionalApproach } from './approaches/FunctionalApproach'
import { HybridApproach } from './approaches/HybridApproach'
import { SharedDbApproach } from './approaches/SharedDbApproach'
import { type LectureConfig, resolveConfig } from './config'
import { RequestStream } from './RequestStream'
import {
  APPROACH_IDS,
  type ApproachId,
  type ApproachInfo,
  type ApproachMetrics,
  type FaultEffect,
  type FaultKind,
  type LectureSnapshot,
  type LectureSummary,
  type WindowKey,
} from './types'

export interface LectureOptions {
  readonly seed: number
  /** Requests per second, shared by clients C and D. Default 40. */
  readonly requestRate?: number
  /** Which approaches to run, in this order. Default: all six. */
  readonly approaches?: readonly ApproachId[]
  readonly config?: Partial<LectureConfig>
}

export interface Lecture {
  readonly approaches: readonly ApproachInfo[]
  readonly config: Readonly<LectureConfig>
  readonly now: number
  readonly version: number
  readonly requestRate: number
  readonly activeFaults: readonly FaultKind[]
  /** Runs every event up to virtual time `ms` (no-op if `ms` ≤ now). */
  advanceTo(ms: number): void
  /** Runs the next event (a message, a service completion, an arrival, a probe); false only if none is left. */
  step(): boolean
  /** Injects a fault into every approach (no-op if already active). */
  inject(fault: FaultKind): Readonly<Partial<Record<ApproachId, FaultEffect>>>
  /** Recovers from a fault (no-op if not active). */
  recover(fault: FaultKind): Readonly<Partial<Record<ApproachId, FaultEffect>>>
  setRequestRate(perSecond: number): void
  snapshot(): LectureSnapshot
  summary(): LectureSummary
  subscribe(listener: () => void): () => void
  /** The approach objects, for tests and custom experiments (crashNode, digests, …). */
  approach(id: ApproachId): Approach | undefined
  destroy(): void
}

/** Messages per approach included in a snapshot (the diagram's recent history). */
export const SNAPSHOT_MESSAGES = 64

const BUILDERS: Record<ApproachId, (ctx: ApproachContext) => Approach> = {
  'shared-db': (ctx) => new SharedDbApproach(ctx),
  cache: (ctx) => new CacheApproach(ctx),
  cookies: (ctx) => new CookiesApproach(ctx),
  functional: (ctx) => new FunctionalApproach(ctx),
  crdt: (ctx) => new CrdtApproach(ctx),
  hybrid: (ctx) => new HybridApproach(ctx),
}

export const createLecture = (opts: LectureOptions): Lecture => {
  const cfg = resolveConfig(opts.config)
  const seed = opts.seed >>> 0
  const sched: SchedulerType = new Scheduler()
  const ctx: ApproachContext = { sched, cfg, seed }
  const ids = opts.approaches ?? APPROACH_IDS
  const models = ids.map((id) => BUILDERS[id](ctx))
  const stream = new RequestStream(seed, cfg)
  const listeners = new Set<() => void>()
  const active: FaultKind[] = []
  let rate = Math.max(0, opts.requestRate ?? 40)
  let version = 0
  let requests = 0
  let nextArrival: ReturnType<SchedulerType['schedule']> | null = null
  let cached: LectureSnapshot | null = null
  let destroyed = false

  const info: ApproachInfo[] = models.map((m) => ({ id: m.id, ...APPROACH_TEXT[m.id], faults: m.faultTable() }))

  const scheduleArrival = (): void => {
    if (nextArrival !== null) sched.cancel(nextArrival)
    nextArrival = null
    if (rate <= 0) return
    nextArrival = sched.schedule(stream.gapMs(rate), () => {
      nextArrival = null
      const req = stream.next(sched.now)
      requests++
      const windows: WindowKey[] = active.length === 0 ? ['none'] : [...active]
      for (const m of models) m.submit(req, windows)
      scheduleArrival()
    })
  }

  const probe = (): void => {
    for (const m of models) m.probe()
    sched.schedule(cfg.probeMs, probe)
  }

  const changed = (): void => {
    version++
    cached = null
    for (const l of [...listeners]) l()
  }

  const effects = (f: (m: Approach) => FaultEffect): Partial<Record<ApproachId, FaultEffect>> =>
    Object.fromEntries(models.map((m) => [m.id, f(m)]))

  const metricsOf = (): Partial<Record<ApproachId, ApproachMetrics>> => Object.fromEntries(models.map((m) => [m.id, m.metricsView()]))

  scheduleArrival()
  sched.schedule(cfg.probeMs, probe)

  return {
    approaches: info,
    config: cfg,
    get now() {
      return sched.now
    },
    get version() {
      return version
    },
    get requestRate() {
      return rate
    },
    get activeFaults() {
      return [...active]
    },
    advanceTo(ms) {
      if (destroyed || !(ms > sched.now)) return
      sched.runUntil(ms)
      changed()
    },
    step() {
      if (destroyed) return false
      const ran = sched.step()
      if (ran) changed()
      return ran
    },
    inject(fault) {
      if (destroyed || active.includes(fault)) return effects((m) => (m.applies(fault) ? 'applied' : 'n/a'))
      active.push(fault)
      const out = effects((m) => m.inject(fault))
      changed()
      return out
    },
    recover(fault) {
      const at = active.indexOf(fault)
      if (destroyed || at < 0) return effects(() => 'n/a')
      active.splice(at, 1)
      const out = effects((m) => m.recover(fault))
      changed()
      return out
    },
    setRequestRate(perSecond) {
      const next = Math.max(0, Number.isFinite(perSecond) ? perSecond : 0)
      if (destroyed || next === rate) return
      rate = next
      scheduleArrival()
      changed()
    },
    snapshot() {
      cached ??= {
        version,
        now: sched.now,
        requestRate: rate,
        activeFaults: [...active],
        approaches: models.map((m) => ({
          id: m.id,
          metrics: m.metricsView(),
          nodes: m.nodeViews(),
          links: m.net.linkViews(),
          messages: m.net.recentMessages(SNAPSHOT_MESSAGES),
        })),
      }
      return cached
    },
    summary() {
      return { seed, endedAt: sched.now, requests, approaches: metricsOf() }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    approach(id) {
      return models.find((m) => m.id === id)
    },
    destroy() {
      if (destroyed) return
      destroyed = true
      listeners.clear()
      for (const m of models) m.destroy()
    },
  }
}
