import type { EventTag, ScheduledEvent, Scheduler } from './Scheduler'
import { quantize } from './time'

const AE_TAG: EventTag = { k: 'ae' }

/**
 * Round-robin pairing: at round r, the i-th of n live replicas (ascending id) asks the
 * (i + 1 + r mod (n−1))-th. Every ordered pair is covered once every n−1 rounds, with no PRNG.
 */
export const partnerIndex = (i: number, n: number, round: number): number => (i + 1 + (round % (n - 1))) % n

/**
 * Periodic anti-entropy: every `intervalMs` of virtual time, each live replica sends sync step 1
 * (its state vector) to one partner, which answers with step 2 (what the asker lacks, plus its
 * delete set). Lost updates are thereby repaired within a few rounds, whatever the loss rate
 * below 1. While on, it keeps one event in the scheduler at all times.
 */
export class AntiEntropy {
  private ev: ScheduledEvent | null = null
  private rounds = 0
  private enabled = false
  private interval: number

  constructor(
    private readonly scheduler: Scheduler,
    private readonly liveIds: () => readonly number[],
    private readonly sendStep1: (from: number, to: number) => void,
    intervalMs: number,
  ) {
    this.interval = quantize(intervalMs)
  }

  get on(): boolean {
    return this.enabled
  }

  get intervalMs(): number {
    return this.interval
  }

  /** Rounds run so far. */
  get round(): number {
    return this.rounds
  }

  /** Switches on or off; a new interval restarts the period from now. */
  set(on: boolean, intervalMs = this.interval): void {
    if (!(intervalMs > 0 && Number.isFinite(intervalMs))) throw new RangeError(`anti-entropy interval must be > 0, got ${intervalMs}`)
    this.stop()
    this.enabled = on
    this.interval = Math.max(quantize(intervalMs), 1 / 1024)
    if (on) this.ev = this.scheduler.schedule(this.interval, this.tick, AE_TAG)
  }

  save(): { on: boolean; intervalMs: number; round: number } {
    return { on: this.enabled, intervalMs: this.interval, round: this.rounds }
  }

  /** Back to a saved state; `ev` is its revived round event (null when off). */
  load(s: { on: boolean; intervalMs: number; round: number }, ev: ScheduledEvent | null): void {
    this.enabled = s.on
    this.interval = s.intervalMs
    this.rounds = s.round
    this.ev = ev
  }

  /** The callback of a saved round event. */
  get revive(): () => void {
    return this.tick
  }

  stop(): void {
    if (this.ev !== null) this.scheduler.cancel(this.ev)
    this.ev = null
    this.enabled = false
  }

  private readonly tick = (): void => {
    const ids = this.liveIds()
    const n = ids.length
    if (n >= 2) for (let i = 0; i < n; i++) this.sendStep1(ids[i], ids[partnerIndex(i, n, this.rounds)])
    this.rounds++
    this.ev = this.scheduler.schedule(this.interval, this.tick, AE_TAG)
  }
}
