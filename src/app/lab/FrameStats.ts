/**
 * Wall time of the lab's work per animation frame (the frame callback plus the React commit it
 * causes), kept for the last `capacity` frames: what the benchmark reads, and the curious too.
 */
export class FrameStats {
  private readonly buf: Float64Array
  private n = 0
  private readonly sums = { sim: 0, publish: 0, commit: 0 }
  /** The last frames over 50 ms, with their parts (frame index, sim, publish, commit). */
  readonly slow: Array<[number, number, number, number]> = []

  constructor(readonly capacity = 50_000) {
    this.buf = new Float64Array(capacity)
  }

  /** One frame: time advancing the simulation, projecting into the store (listeners and canvases included), React's commit. */
  add(sim: number, publish: number, commit: number): void {
    this.buf[this.n % this.capacity] = sim + publish + commit
    if (sim + publish + commit > 50) {
      this.slow.push([this.n, sim, publish, commit])
      if (this.slow.length > 20) this.slow.shift()
    }
    this.n++
    this.sums.sim += sim
    this.sums.publish += publish
    this.sums.commit += commit
  }

  /** Mean ms per frame of each part, since the last reset. */
  parts(): { sim: number; publish: number; commit: number } {
    const d = Math.max(1, this.n)
    return { sim: this.sums.sim / d, publish: this.sums.publish / d, commit: this.sums.commit / d }
  }

  /** Frames recorded since the last reset. */
  get count(): number {
    return this.n
  }

  /** The recorded values, oldest first (at most `capacity`). */
  values(): number[] {
    if (this.n <= this.capacity) return Array.from(this.buf.subarray(0, this.n))
    const i = this.n % this.capacity
    return [...this.buf.subarray(i), ...this.buf.subarray(0, i)]
  }

  reset(): void {
    this.n = 0
    this.slow.length = 0
    this.sums.sim = 0
    this.sums.publish = 0
    this.sums.commit = 0
  }
}
