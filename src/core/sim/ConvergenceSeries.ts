/**
 * The convergence plot's data, columnar and append-only: at virtual time `t[i]` there were
 * `distinct[i]` distinct replica states (distinct snapshot digests) and `inFlight[i]` messages in
 * flight. `version` bumps on every sample. Samples are taken at most every `sampleEveryMs` of
 * virtual time (when an event runs past the next sample time) or on demand, never per message.
 */
export class ConvergenceSeries {
  readonly t: number[] = []
  readonly distinct: number[] = []
  readonly inFlight: number[] = []
  version = 0

  get length(): number {
    return this.t.length
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
