import type { LectureConfig } from './config'
import { createLecture } from './createLecture'
import type { ApproachId, FaultKind, LectureSummary } from './types'

export interface ScheduledFault {
  readonly fault: FaultKind
  /** Virtual ms at which it is injected and recovered. */
  readonly at: number
  readonly until: number
}

export interface ScenarioOptions {
  readonly seed: number
  readonly durationMs: number
  readonly requestRate?: number
  readonly faults?: readonly ScheduledFault[]
  readonly approaches?: readonly ApproachId[]
  readonly config?: Partial<LectureConfig>
  /** After `durationMs` the stream stops and every fault is recovered; this long is left for in-flight requests and anti-entropy. Default 2000. */
  readonly settleMs?: number
}

/**
 * Runs a whole experiment and returns its summary: a pure function of its options (same options,
 * deep-equal summary). Faults are injected and recovered at their virtual times; requests issued
 * while a fault is active count in that fault's window.
 */
export const runScenario = (opts: ScenarioOptions): LectureSummary => {
  const lecture = createLecture({ seed: opts.seed, requestRate: opts.requestRate, approaches: opts.approaches, config: opts.config })
  const events = (opts.faults ?? [])
    .flatMap((f, i) => [
      { t: f.at, i, run: () => lecture.inject(f.fault) },
      { t: f.until, i, run: () => lecture.recover(f.fault) },
    ])
    .filter((e) => e.t < opts.durationMs)
    .sort((a, b) => a.t - b.t || a.i - b.i)
  for (const e of events) {
    lecture.advanceTo(e.t)
    e.run()
  }
  lecture.advanceTo(opts.durationMs)
  lecture.setRequestRate(0)
  for (const f of lecture.activeFaults) lecture.recover(f)
  lecture.advanceTo(opts.durationMs + (opts.settleMs ?? 2000))
  const summary = lecture.summary()
  lecture.destroy()
  return summary
}

/**
 * The standard experiment behind the "run" button: 40 requests/s for 26 s, each fault alone for
 * 2 s with a quiet second between, so each fault's window shows its own effect.
 */
export const STANDARD_SCENARIO: ScenarioOptions = Object.freeze({
  seed: 1,
  durationMs: 26_000,
  requestRate: 40,
  faults: Object.freeze([
    { fault: 'kill-a', at: 2_000, until: 4_000 },
    { fault: 'kill-db', at: 5_000, until: 7_000 },
    { fault: 'kill-cache', at: 8_000, until: 10_000 },
    { fault: 'partition', at: 11_000, until: 13_000 },
    { fault: 'slow-link', at: 14_000, until: 16_000 },
    { fault: 'overload-a', at: 17_000, until: 19_000 },
    { fault: 'clear-cookies', at: 20_000, until: 22_000 },
    { fault: 'tamper-cookie', at: 23_000, until: 25_000 },
  ] satisfies ScheduledFault[]),
})
