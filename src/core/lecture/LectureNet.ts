import type { PRNG } from 'lib0/prng'
import type { Scheduler } from '../sim/Scheduler'
import type { DropReason, LinkView, MessageView, NodeKind } from './types'

export interface NodeSpec {
  readonly id: string
  readonly kind: NodeKind
  readonly label: string
}

export interface LinkSpec {
  readonly a: string
  readonly b: string
  readonly latencyMs: number
}

interface LinkState extends LinkSpec {
  readonly id: string
  cut: boolean
  slowFactor: number
}

type MessageRecord = { -readonly [K in keyof MessageView]: MessageView[K] }

/** Receives a message and its body; called at the message's arrival time. */
export type Deliver = (msg: MessageView, body: unknown) => void

export const linkId = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`)

/**
 * A small network for one approach: nodes that are up or down, links with latency, and messages
 * as data. A message is delivered after its link's latency (with seeded jitter; FIFO per
 * direction), unless its sender is down when sending, the link is cut when it would arrive, or its
 * receiver is down or has restarted since it was sent (a crash resets connections). Every message
 * is recorded with its send, arrival or drop time.
 */
export class LectureNet {
  readonly nodeSpecs: readonly NodeSpec[]
  private readonly up = new Map<string, boolean>()
  private readonly incarnation = new Map<string, number>()
  private readonly links = new Map<string, LinkState>()
  private readonly listeners = new Map<string, Deliver>()
  private readonly lastDue = new Map<string, number>()
  private readonly log: MessageRecord[] = []
  private nextId = 1
  sent = 0
  dropped = 0
  bytesSent = 0

  constructor(
    private readonly sched: Scheduler,
    private readonly rng: PRNG,
    private readonly jitter: number,
    private readonly logSize: number,
    nodes: readonly NodeSpec[],
    links: readonly LinkSpec[],
  ) {
    this.nodeSpecs = nodes
    for (const n of nodes) {
      this.up.set(n.id, true)
      this.incarnation.set(n.id, 0)
    }
    for (const l of links) {
      if (!this.up.has(l.a) || !this.up.has(l.b)) throw new Error(`link ${l.a}–${l.b}: unknown node`)
      this.links.set(linkId(l.a, l.b), { ...l, id: linkId(l.a, l.b), cut: false, slowFactor: 1 })
    }
  }

  isUp(id: string): boolean {
    return this.up.get(id) === true
  }

  /** Takes a node down (a crash) or brings it back (a restart: a new incarnation). */
  setUp(id: string, up: boolean): void {
    if (!this.up.has(id)) throw new Error(`unknown node ${id}`)
    if (this.up.get(id) === up) return
    this.up.set(id, up)
    if (up) this.incarnation.set(id, (this.incarnation.get(id) ?? 0) + 1)
  }

  setCut(a: string, b: string, cut: boolean): void {
    this.link(a, b).cut = cut
  }

  setSlow(a: string, b: string, factor: number): void {
    this.link(a, b).slowFactor = factor
  }

  listen(node: string, deliver: Deliver): void {
    this.listeners.set(node, deliver)
  }

  /** Sends `body` (never copied: bodies are immutable) and records the message. */
  send(from: string, to: string, kind: string, body: unknown, bytes: number): MessageView {
    const link = this.link(from, to)
    const now = this.sched.now
    const dir = `${from}>${to}`
    const latency = link.latencyMs * link.slowFactor * (1 + this.jitter * this.rng.next())
    const dueAt = Math.max(now + latency, this.lastDue.get(dir) ?? 0)
    const msg: MessageRecord = {
      id: this.nextId++,
      from,
      to,
      kind,
      bytes,
      sentAt: now,
      dueAt,
      recvAt: null,
      droppedAt: null,
      dropReason: null,
    }
    this.sent++
    this.bytesSent += bytes
    this.record(msg)
    if (!this.isUp(from)) {
      this.drop(msg, 'sender-down')
      return msg
    }
    this.lastDue.set(dir, dueAt)
    const toIncarnation = this.incarnation.get(to)
    this.sched.schedule(dueAt - now, () => {
      if (link.cut) this.drop(msg, 'partitioned')
      else if (!this.isUp(to) || this.incarnation.get(to) !== toIncarnation) this.drop(msg, 'receiver-down')
      else {
        msg.recvAt = this.sched.now
        this.listeners.get(to)?.(msg, body)
      }
    })
    return msg
  }

  linkViews(): LinkView[] {
    return [...this.links.values()].map((l) => ({
      id: l.id,
      a: l.a,
      b: l.b,
      latencyMs: l.latencyMs * l.slowFactor,
      cut: l.cut,
      slow: l.slowFactor !== 1,
    }))
  }

  /** Copies of the last `max` messages, oldest first. */
  recentMessages(max: number): MessageView[] {
    return this.log.slice(-max).map((m) => ({ ...m }))
  }

  private link(a: string, b: string): LinkState {
    const l = this.links.get(linkId(a, b))
    if (l === undefined) throw new Error(`no link ${a}–${b}`)
    return l
  }

  private drop(msg: MessageRecord, reason: DropReason): void {
    msg.droppedAt = this.sched.now
    msg.dropReason = reason
    this.dropped++
  }

  private record(msg: MessageRecord): void {
    this.log.push(msg)
    if (this.log.length > this.logSize * 2) this.log.splice(0, this.log.length - this.logSize)
  }
}
