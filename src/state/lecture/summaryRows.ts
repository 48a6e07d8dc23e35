import {
  type AEqualsA2,
  type ApproachId,
  type ApproachInfo,
  type ApproachMetrics,
  type BytesWhere,
  FAULT_KINDS,
  type FaultKind,
} from '../../core/lecture/types'

/** Where the summary table's numbers come from: the running lecture, or the standard experiment's result. */
export type TableSource = 'live' | 'experiment'

/** One row of the summary table: plain numbers, formatted by the view. */
export interface SummaryRow {
  readonly id: ApproachId
  readonly title: string
  readonly stateLives: string
  readonly requests: number
  readonly p50: number | null
  readonly p95: number | null
  readonly messagesPerRequest: number | null
  /** Live: over the last second. Experiment: over requests issued while no fault was active. */
  readonly availabilityFirst: number | null
  readonly availability: number | null
  /** Over requests issued while at least one fault was active; null when there were none. */
  readonly availabilityInFaults: number | null
  readonly aEqualsA2: AEqualsA2
  /** Acknowledged writes lost for good (missing from the state the approach converges to). */
  readonly dataLost: number
  /** Acknowledged writes not yet on every copy: on their way, not lost. */
  readonly notYetEverywhere: number
  readonly bytes: BytesWhere
}

/** One cell of the fault matrix: availability while that fault was active, 'n/a' where it does not apply, null if never injected. */
export type FaultCell = number | null | 'n/a'

/**
 * Availability of requests issued while some fault was active. Each request counts once overall and,
 * if no fault was active when issued, once in the 'none' window: the difference is exact even when
 * faults overlap (summing the per-fault windows would count such requests twice).
 */
export const availabilityInFaults = (m: ApproachMetrics): number | null => {
  const none = m.windows.none
  if (none === 'n/a') return null
  const finished = m.answered + m.failed - (none.answered + none.failed)
  return finished <= 0 ? null : (m.answered - none.answered) / finished
}

export const summaryRows = (
  info: readonly ApproachInfo[],
  metrics: Readonly<Partial<Record<ApproachId, ApproachMetrics>>>,
  source: TableSource,
): SummaryRow[] =>
  info.flatMap((a) => {
    const m = metrics[a.id]
    if (m === undefined) return []
    const none = m.windows.none
    return [
      {
        id: a.id,
        title: a.title,
        stateLives: a.stateLives,
        requests: m.requests,
        p50: m.latency.p50,
        p95: m.latency.p95,
        messagesPerRequest: m.messagesPerRequest,
        availabilityFirst: source === 'live' ? m.recent.availability : none === 'n/a' ? null : none.availability,
        availability: m.availability,
        availabilityInFaults: availabilityInFaults(m),
        aEqualsA2: m.aEqualsA2,
        dataLost: m.dataLost,
        notYetEverywhere: m.notYetEverywhere,
        bytes: m.bytes,
      },
    ]
  })

/** Availability per approach and fault window, for the fault matrix. */
export const faultMatrix = (
  info: readonly ApproachInfo[],
  metrics: Readonly<Partial<Record<ApproachId, ApproachMetrics>>>,
): Array<{ id: ApproachId; title: string; cells: Record<FaultKind, FaultCell> }> =>
  info.flatMap((a) => {
    const m = metrics[a.id]
    if (m === undefined) return []
    const cells = {} as Record<FaultKind, FaultCell>
    for (const f of FAULT_KINDS) {
      const w = m.windows[f]
      cells[f] = w === 'n/a' ? 'n/a' : w.requests === 0 ? null : w.availability
    }
    return [{ id: a.id, title: a.title, cells }]
  })

/** The metrics behind a snapshot, keyed by approach. */
export const metricsById = (approaches: ReadonlyArray<{ id: ApproachId; metrics: ApproachMetrics }>): Partial<Record<ApproachId, ApproachMetrics>> =>
  Object.fromEntries(approaches.map((a) => [a.id, a.metrics]))
