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
  /** What the event does, as data, so a checkpoint can hold it; null for events no checkpoint can hold. */
  readonly tag: EventTag | null
}

/** A scheduled event as data: a message landing, an anti-entropy round, a workload edit, a planned action. */
export type EventTag =
  | { readonly k: 'land'; readonly m: number; readonly lost: boolean; readonly epoch: number }
  | { readonly k: 'ae' }
  | { readonly k: 'work' }
  | { readonly k: 'plan'; readonly i: number }

/** The queue at one moment, as data (see Scheduler.save). */
export interface SchedulerState {
  time: number
  nextSeq: number
  events: Array<{ at: number; seq: number; tag: EventTag }>
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
  schedule(delay: number, run: () => void, tag: EventTag | null = null): ScheduledEvent {
    if (!(delay >= 0)) throw new RangeError(`delay must be ≥ 0, got ${delay}`)
    const ev: ScheduledEvent = { at: this.time + delay, seq: this.nextSeq++, run, cancelled: false, tag }
    this.push(ev)
    return ev
  }

  /** Moves the clock to `t` without running anything; no event may be due before `t`. */
  jumpTo(t: number): void {
    const next = this.peekTime()
    if (t < this.time || (next !== null && next < t)) throw new RangeError(`cannot move the clock from ${this.time} to ${t} past an event at ${next}`)
    this.time = t
  }

  /** The queue as data, or a sentence saying why it cannot be saved (an event with no tag). */
  save(): SchedulerState | string {
    const events: SchedulerState['events'] = []
    for (const ev of this.heap) {
      if (ev.cancelled) continue
      if (ev.tag === null) return 'an event of a trace replay is scheduled'
      events.push({ at: ev.at, seq: ev.seq, tag: ev.tag })
    }
    return { time: this.time, nextSeq: this.nextSeq, events }
  }

  /** Replaces the queue with a saved one; `revive` gives each tag its callback. Returns the new handles. */
  load(s: SchedulerState, revive: (tag: EventTag) => () => void): ScheduledEvent[] {
    this.time = s.time
    this.nextSeq = s.nextSeq
    // Sorted by (at, seq), an array is already a valid heap.
    this.heap = [...s.events]
      .sort((a, b) => a.at - b.at || a.seq - b.seq)
      .map((e) => ({ at: e.at, seq: e.seq, run: revive(e.tag), cancelled: false, tag: e.tag }))
    return [...this.heap]
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
