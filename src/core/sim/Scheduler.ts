/**
 * A virtual clock and event queue: the only notion of time in the simulation. Nothing here reads
 * the wall clock or sets a timer; the caller advances time by running events. Events at the same
 * virtual time run in the order they were scheduled, so a run is a pure function of its inputs.
 */
export interface ScheduledEvent {
  readonly at: number
  readonly seq: number
  readonly run: () => void
  cancelled: boolean
}

export class Scheduler {
  private heap: ScheduledEvent[] = []
  private nextSeq = 0
  private time = 0

  /** Current virtual time, in milliseconds. */
  get now(): number {
    return this.time
  }

  get size(): number {
    return this.heap.length
  }

  /** Runs `run` at virtual time now + delay (delay ≥ 0). Returns a handle for `cancel`. */
  schedule(delay: number, run: () => void): ScheduledEvent {
    if (!(delay >= 0)) throw new RangeError(`delay must be ≥ 0, got ${delay}`)
    const ev: ScheduledEvent = { at: this.time + delay, seq: this.nextSeq++, run, cancelled: false }
    this.push(ev)
    return ev
  }

  cancel(ev: ScheduledEvent): void {
    ev.cancelled = true
  }

  /** Time of the next event that will run, or null when none is left. */
  peekTime(): number | null {
    this.dropCancelled()
    return this.heap.length > 0 ? this.heap[0].at : null
  }

  /** Runs the next event; returns false when there is none. */
  step(): boolean {
    this.dropCancelled()
    const ev = this.pop()
    if (ev === undefined) return false
    this.time = ev.at
    ev.run()
    return true
  }

  /** Runs every event up to and including virtual time `t`, then sets the clock to `t`. */
  runUntil(t: number, maxEvents = Number.POSITIVE_INFINITY): number {
    let n = 0
    for (let next = this.peekTime(); next !== null && next <= t && n < maxEvents; next = this.peekTime()) {
      this.step()
      n++
    }
    if (n < maxEvents && t > this.time) this.time = t
    return n
  }

  /** Runs until the queue is empty or `maxEvents` ran. Returns the number of events run. */
  runAll(maxEvents = 10_000_000): number {
    let n = 0
    while (n < maxEvents && this.step()) n++
    return n
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.pop()
  }

  private less(a: ScheduledEvent, b: ScheduledEvent): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq)
  }

  private push(ev: ScheduledEvent): void {
    const h = this.heap
    h.push(ev)
    let i = h.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!this.less(h[i], h[p])) break
      ;[h[i], h[p]] = [h[p], h[i]]
      i = p
    }
  }

  private pop(): ScheduledEvent | undefined {
    const h = this.heap
    if (h.length === 0) return undefined
    const top = h[0]
    const last = h.pop()!
    if (h.length > 0) {
      h[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < h.length && this.less(h[l], h[m])) m = l
        if (r < h.length && this.less(h[r], h[m])) m = r
        if (m === i) break
        ;[h[i], h[m]] = [h[m], h[i]]
        i = m
      }
    }
    return top
  }
}
