/**
 * The convergence plot's data, columnar and append-only: at virtual time `t[i]` there were
 * `distinct[i]` distinct replica states (distinct snapshot digests) and `inFlight[i]` messages in
 * flight, values that hold until `t[i + 1]` (draw it as a step plot). `version` bumps on every
 * sample. Samples are taken at most every `sampleEveryMs` of virtual time (after an event that
 * runs past the next sample time, or before it, at the due time, when nothing happened in
 * between) or on demand, never per message.
 */
export class ConvergenceSeries {
  readonly t: number[] = []
  readonly distinct: number[] = []
  readonly inFlight: number[] = []
  version = 0

  get length(): number {
    return this.t.length
  }

  /** Index of the last sample at or before `t`, or -1. */
  indexAt(t: number): number {
    let lo = 0
    let hi = this.t.length - 1
    let found = -1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (this.t[mid] <= t) {
        found = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    return found
  }

  /** A new series with the first `length` samples of `from` (the last one as it was then: it may have been overwritten). */
  static prefixOf(from: ConvergenceSeries, length: number, last: { distinct: number; inFlight: number } | null): ConvergenceSeries {
    const s = new ConvergenceSeries()
    s.t.push(...from.t.slice(0, length))
    s.distinct.push(...from.distinct.slice(0, length))
    s.inFlight.push(...from.inFlight.slice(0, length))
    if (length > 0 && last !== null) {
      s.distinct[length - 1] = last.distinct
      s.inFlight[length - 1] = last.inFlight
    }
    return s
  }

  /** A new series with the samples of this one taken at or before `t`. */
  until(t: number): ConvergenceSeries {
    return ConvergenceSeries.prefixOf(this, this.indexAt(t) + 1, null)
  }

  push(t: number, distinct: number, inFlight: number): void {
    const last = this.t.length - 1
    if (last >= 0 && this.t[last] === t) {
      this.distinct[last] = distinct
      this.inFlight[last] = inFlight
    } else {
      this.t.push(t)
      this.distinct.push(distinct)
      this.inFlight.push(inFlight)
    }
    this.version++
  }
}
