import type { ApproachId, LectureSnapshot } from '../../core/lecture/types'

/** Availability over the last second, sampled at virtual time `t` (null: nothing finished in that second). */
export interface AvailabilitySample {
  readonly t: number
  readonly availability: number | null
}

export type AvailabilityHistory = Readonly<Partial<Record<ApproachId, readonly AvailabilitySample[]>>>

/** Samples are taken at least this far apart (virtual ms)… */
export const SAMPLE_EVERY_MS = 250
/** …and kept for this long: what the availability strips show. */
export const HISTORY_MS = 30_000

/**
 * Adds one sample per approach from `snap` (its last-second availability) when at least
 * SAMPLE_EVERY_MS passed since the previous one, and forgets samples older than HISTORY_MS.
 * Returns `history` itself when it did not sample, so selectors see no change.
 */
export const sampleAvailability = (history: AvailabilityHistory, snap: LectureSnapshot): AvailabilityHistory => {
  const first = snap.approaches[0]
  if (first === undefined) return history
  const last = history[first.id]?.at(-1)
  if (last !== undefined && snap.now - last.t < SAMPLE_EVERY_MS) return history
  const from = snap.now - HISTORY_MS
  const out: Partial<Record<ApproachId, readonly AvailabilitySample[]>> = {}
  for (const a of snap.approaches) {
    const kept = (history[a.id] ?? []).filter((s) => s.t >= from)
    out[a.id] = [...kept, { t: snap.now, availability: a.metrics.recent.availability }]
  }
  return out
}
