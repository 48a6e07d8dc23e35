import type { ApproachId, ApproachMetrics, Lecture, LectureSummary } from '../../src/core/lecture'

/** The metrics of one approach in a summary or snapshot (fails loudly if it did not run). */
export const metricsOf = (s: LectureSummary, id: ApproachId): ApproachMetrics => {
  const m = s.approaches[id]
  if (m === undefined) throw new Error(`${id} did not run`)
  return m
}

export const liveMetrics = (lecture: Lecture, id: ApproachId): ApproachMetrics => {
  const a = lecture.snapshot().approaches.find((x) => x.id === id)
  if (a === undefined) throw new Error(`${id} did not run`)
  return a.metrics
}

export const windowOf = (m: ApproachMetrics, w: keyof ApproachMetrics['windows']) => {
  const s = m.windows[w]
  if (s === 'n/a') throw new Error(`window ${w} is n/a`)
  return s
}

export const LOCAL_STATE: readonly ApproachId[] = ['cookies', 'crdt', 'hybrid']
