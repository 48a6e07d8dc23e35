/**
 * Latencies in bounded memory: 1/8 ms buckets below 128 ms, then 128 buckets per doubling
 * (under 1% error) up to about 2^21 ms. Percentiles are bucket midpoints rounded to 0.1 ms.
 */
const LINEAR = 1024
const PER_OCTAVE = 128
const FIRST_OCTAVE = 7
const OCTAVES = 14
const SIZE = LINEAR + PER_OCTAVE * OCTAVES

const bucketOf = (ms: number): number => {
  if (ms < 128) return Math.max(0, Math.floor(ms * 8))
  const e = Math.min(Math.floor(Math.log2(ms)), FIRST_OCTAVE + OCTAVES - 1)
  const sub = Math.min(PER_OCTAVE - 1, Math.floor((ms / 2 ** e - 1) * PER_OCTAVE))
  return LINEAR + (e - FIRST_OCTAVE) * PER_OCTAVE + sub
}

const midOf = (b: number): number => {
  if (b < LINEAR) return (b + 0.5) / 8
  const e = FIRST_OCTAVE + Math.floor((b - LINEAR) / PER_OCTAVE)
  const sub = (b - LINEAR) % PER_OCTAVE
  return 2 ** e * (1 + (sub + 0.5) / PER_OCTAVE)
}

const round1 = (x: number): number => Math.round(x * 10) / 10

export class LatencyHistogram {
  private counts: Uint32Array | null = null
  count = 0
  sum = 0

  add(ms: number): void {
    this.counts ??= new Uint32Array(SIZE)
    this.counts[bucketOf(ms)]++
    this.count++
    this.sum += ms
  }

  /** The q-quantile (0 < q ≤ 1), or null when empty. */
  quantile(q: number): number | null {
    if (this.counts === null || this.count === 0) return null
    const rank = Math.max(1, Math.ceil(q * this.count))
    let seen = 0
    for (let b = 0; b < SIZE; b++) {
      seen += this.counts[b]
      if (seen >= rank) return round1(midOf(b))
    }
    return null
  }

  mean(): number | null {
    return this.count === 0 ? null : round1(this.sum / this.count)
  }
}

/** Exact quantile of a small sample (the live window), rounded to 0.1 ms. */
export const quantileOf = (sorted: readonly number[], q: number): number | null =>
  sorted.length === 0 ? null : round1(sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)])
