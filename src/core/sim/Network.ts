import * as prng from 'lib0/prng'
import { DEFAULT_LINK, type LinkParams } from './LinkParams'
import type { MessageLog } from './MessageLog'
import { loadPrng, type PrngState, savePrng } from './prngState'
import type { EventTag, Scheduler } from './Scheduler'
import { type DropReason, type Payload, SimMessage } from './SimMessage'
import { quantize } from './time'

export interface NetworkHooks {
  /** Ids of the live replicas, ascending. */
  liveIds(): readonly number[]
  isAlive(id: number): boolean
  /** A message reached a live replica over an up link (already marked received in the log). */
  arrive(m: SimMessage): void
  /** A message was dropped (already marked in the log). */
  dropped(m: SimMessage): void
}

type Blocked = 'partition' | 'cut'

/** Everything about the network that changes during a run, as data (for checkpoints). */
export interface NetworkState {
  defaults: LinkParams
  overrides: Array<[number, Partial<LinkParams>]>
  groups: number[][] | null
  cuts: number[]
  breaks: Array<[number, { epoch: number; reason: Blocked }]>
  fifoTail: Array<[number, number]>
  gen: PrngState
}

const key = (from: number, to: number): number => from * 65536 + to
const pairKey = (a: number, b: number): number => (a < b ? key(a, b) : key(b, a))

/**
 * The simulated network: per-link behaviour (see LinkParams), partitions and cut links, over the
 * Scheduler's virtual time. Every send appends a SimMessage to the log and schedules one arrival
 * event, where its fate is settled.
 *
 * Contract on faults: a message is dropped if its link is down (partitioned or cut) when it is
 * sent (dropped at once) or at its arrival time, or if its link went down at any moment while it
 * was in flight (the connection it travelled on broke, even if the link is back by arrival).
 * Losses are drawn at send time and recorded at the would-be arrival time. All draws come from
 * one seeded PRNG, in send order, so a run is a pure function of its seed and inputs.
 */
export class Network {
  private defaults: LinkParams
  private readonly overrides = new Map<number, Partial<LinkParams>>()
  private groupOf: Map<number, number> | null = null
  private groupList: number[][] | null = null
  private readonly cuts = new Set<number>()
  /** Directed link → how many times it went down, and why the last time. */
  private readonly breaks = new Map<number, { epoch: number; reason: Blocked }>()
  private readonly fifoTail = new Map<number, number>()

  constructor(
    private readonly scheduler: Scheduler,
    private log: MessageLog,
    private readonly gen: prng.PRNG,
    private readonly hooks: NetworkHooks,
    defaults: LinkParams = DEFAULT_LINK,
  ) {
    this.defaults = { ...defaults }
  }

  save(): NetworkState {
    return {
      defaults: { ...this.defaults },
      overrides: [...this.overrides].map(([k, p]) => [k, { ...p }]),
      groups: this.groupList === null ? null : this.groupList.map((g) => [...g]),
      cuts: [...this.cuts],
      breaks: [...this.breaks].map(([k, b]) => [k, { ...b }]),
      fifoTail: [...this.fifoTail],
      gen: savePrng(this.gen),
    }
  }

  /** Puts the network back as saved, writing to `log` from now on. */
  load(s: NetworkState, log: MessageLog): void {
    this.log = log
    this.defaults = { ...s.defaults }
    this.overrides.clear()
    for (const [k, p] of s.overrides) this.overrides.set(k, { ...p })
    this.setGroups(s.groups)
    this.cuts.clear()
    for (const c of s.cuts) this.cuts.add(c)
    this.breaks.clear()
    for (const [k, b] of s.breaks) this.breaks.set(k, { ...b })
    this.fifoTail.clear()
    for (const [k, t] of s.fifoTail) this.fifoTail.set(k, t)
    loadPrng(this.gen, s.gen)
  }

  /** The callback of a saved 'land' event. */
  revive(tag: Extract<EventTag, { k: 'land' }>): () => void {
    const m = this.log.messages[tag.m]
    if (m === undefined || m.settled) throw new RangeError(`checkpoint names message ${tag.m}, which is not in flight`)
    return () => this.land(m, tag.lost, tag.epoch)
  }

  /** Parameters in force on the directed link from → to. */
  linkParams(from: number, to: number): LinkParams {
    const o = this.overrides.get(key(from, to))
    return o === undefined ? this.defaults : { ...this.defaults, ...o }
  }

  get defaultLink(): Readonly<LinkParams> {
    return this.defaults
  }

  /** Directed links with their own parameters, as [from, to, overrides]. */
  get linkOverrides(): Array<[number, number, Readonly<Partial<LinkParams>>]> {
    return [...this.overrides].map(([k, p]) => [Math.floor(k / 65536), k % 65536, p])
  }

  setDefaults(p: Partial<LinkParams>): void {
    this.defaults = { ...this.defaults, ...p }
  }

  /** Sets parameters for one directed link (merged over earlier ones for it); null clears them. */
  setLink(from: number, to: number, p: Partial<LinkParams> | null): void {
    if (p === null) this.overrides.delete(key(from, to))
    else this.overrides.set(key(from, to), { ...this.overrides.get(key(from, to)), ...p })
  }

  /** The partition's groups as given, or null when there is none. */
  get groups(): readonly (readonly number[])[] | null {
    return this.groupList
  }

  /** Undirected cut links as [a, b] with a < b. */
  get cutLinks(): Array<[number, number]> {
    return [...this.cuts].map((k) => [Math.floor(k / 65536), k % 65536])
  }

  /** Why messages from → to cannot pass now, or null when the link is up. */
  blockReason(from: number, to: number): Blocked | null {
    if (this.cuts.has(pairKey(from, to))) return 'cut'
    if (this.groupOf !== null && (this.groupOf.get(from) ?? -1) !== (this.groupOf.get(to) ?? -1)) return 'partition'
    return null
  }

  /**
   * Splits the replicas into groups that cannot reach each other. Replicas listed in no group
   * form one more group together. Returns the pairs whose link came back up (see `retopologize`).
   */
  partition(groups: number[][]): Array<[number, number]> {
    const seen = new Set<number>()
    for (const g of groups) {
      for (const id of g) {
        if (seen.has(id)) throw new RangeError(`replica ${id} is in two groups`)
        seen.add(id)
      }
    }
    return this.retopologize(() => this.setGroups(groups))
  }

  private setGroups(groups: readonly (readonly number[])[] | null): void {
    if (groups === null) {
      this.groupList = null
      this.groupOf = null
      return
    }
    this.groupList = groups.map((g) => [...g])
    this.groupOf = new Map()
    groups.forEach((g, i) => {
      for (const id of g) this.groupOf?.set(id, i)
    })
  }

  /** Ends the partition and restores every cut link. */
  heal(): Array<[number, number]> {
    return this.retopologize(() => {
      this.groupOf = null
      this.groupList = null
      this.cuts.clear()
    })
  }

  cut(a: number, b: number): void {
    this.retopologize(() => this.cuts.add(pairKey(a, b)))
  }

  restore(a: number, b: number): Array<[number, number]> {
    return this.retopologize(() => this.cuts.delete(pairKey(a, b)))
  }

  /**
   * Applies a topology change; links that go down get a new epoch (so messages in flight on them
   * are dropped). Returns the live pairs [a, b] (a < b) that were down and are up now.
   */
  private retopologize(change: () => void): Array<[number, number]> {
    const ids = this.hooks.liveIds()
    const before: Array<Blocked | null> = []
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) before.push(this.blockReason(ids[i], ids[j]))
    change()
    const cameUp: Array<[number, number]> = []
    let n = 0
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const was = before[n++]
        const is = this.blockReason(ids[i], ids[j])
        if (was === null && is !== null) {
          this.bump(ids[i], ids[j], is)
          this.bump(ids[j], ids[i], is)
        } else if (was !== null && is === null) cameUp.push([ids[i], ids[j]])
      }
    }
    return cameUp
  }

  private bump(from: number, to: number, reason: Blocked): void {
    const k = key(from, to)
    this.breaks.set(k, { epoch: (this.breaks.get(k)?.epoch ?? 0) + 1, reason })
  }

  /**
   * Puts one copy of `payload` on the link from → to. Returns its message (already in the log).
   * Draw order per send: loss, jitter, reorder, extra delay if reordered, duplicate.
   */
  send(from: number, to: number, payload: Payload, resendOf: number | null = null, duplicateOf: number | null = null): SimMessage {
    const now = this.scheduler.now
    const id = this.log.nextId
    const blocked = this.blockReason(from, to) ?? (this.hooks.isAlive(to) ? null : 'removed')
    if (blocked !== null) {
      const m = new SimMessage(id, from, to, payload, now, now, duplicateOf, false, resendOf)
      m.droppedAt = now
      m.dropReason = blocked
      this.log.append(m)
      this.hooks.dropped(m)
      return m
    }
    const p = this.linkParams(from, to)
    const g = this.gen
    const lost = p.loss > 0 && prng.real53(g) < p.loss
    let arrive = quantize(now + p.latencyMs + (p.jitterMs > 0 ? prng.real53(g) * p.jitterMs : 0))
    const reordered = p.reorder > 0 && prng.real53(g) < p.reorder
    const k = key(from, to)
    if (reordered) {
      arrive = quantize(arrive + (0.5 + prng.real53(g)) * Math.max(p.latencyMs + p.jitterMs, 1))
    } else {
      const tail = this.fifoTail.get(k)
      if (tail !== undefined && tail > arrive) arrive = tail
      this.fifoTail.set(k, arrive)
    }
    const m = new SimMessage(id, from, to, payload, now, arrive, duplicateOf, reordered, resendOf)
    this.log.append(m)
    const epoch = this.breaks.get(k)?.epoch ?? 0
    this.scheduler.schedule(arrive - now, () => this.land(m, lost, epoch), { k: 'land', m: id, lost, epoch })
    if (duplicateOf === null && p.duplicate > 0 && prng.real53(g) < p.duplicate) this.send(from, to, payload, resendOf, id)
    return m
  }

  private land(m: SimMessage, lost: boolean, epoch: number): void {
    let reason: DropReason | null = null
    if (lost) reason = 'loss'
    else if (!this.hooks.isAlive(m.to)) reason = 'removed'
    else {
      const b = this.blockReason(m.from, m.to)
      const broke = this.breaks.get(key(m.from, m.to))
      reason = b ?? ((broke?.epoch ?? 0) !== epoch ? (broke?.reason ?? null) : null)
    }
    if (reason !== null) {
      m.droppedAt = this.scheduler.now
      m.dropReason = reason
      this.log.settled(m)
      this.hooks.dropped(m)
      return
    }
    m.receivedAt = this.scheduler.now
    this.log.settled(m)
    this.hooks.arrive(m)
  }
}
