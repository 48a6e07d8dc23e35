import type { Scheduler } from '../sim/Scheduler'
import { RPC_BYTES } from './cart'
import type { LectureNet } from './LectureNet'
import type { Station } from './Station'
import type { MessageView } from './types'

/** The answer to a call: the callee's payload, or a transport-level refusal (the callee is overloaded). */
export type Reply = { readonly ok: true; readonly payload: unknown } | { readonly ok: false; readonly error: 'overloaded' }

export interface Incoming {
  readonly from: string
  readonly kind: string
  readonly payload: unknown
}

/** Answers a call once; later calls, and calls after the node crashed, do nothing. */
export type Respond = (payload: unknown, bytes: number) => void
export type CallHandler = (msg: Incoming, respond: Respond) => void
export type OneWayHandler = (msg: Incoming) => void

type Envelope =
  | { readonly t: 'call'; readonly rpc: number; readonly payload: unknown }
  | { readonly t: 'reply'; readonly rpc: number; readonly reply: Reply }
  | { readonly t: 'oneway'; readonly payload: unknown }

interface Pending {
  readonly cb: (reply: Reply | null) => void
  readonly timer: ReturnType<Scheduler['schedule']>
}

/**
 * A node's messaging: calls with a timeout (the callback gets the reply, or null when the timeout
 * passes first), their answers, and one-way messages. Calls go through the node's Station when it
 * has one (an overloaded node answers "overloaded" at once); one-way messages (replication, cache
 * fills) are handled on arrival. `crash` forgets every pending call and queued job, so nothing the
 * node started before a crash can act after it.
 */
export class Endpoint {
  onCall: CallHandler = () => {}
  onOneWay: OneWayHandler = () => {}
  private pending = new Map<number, Pending>()
  private nextRpc = 1
  private incarnation = 0

  constructor(
    readonly id: string,
    private readonly net: LectureNet,
    private readonly sched: Scheduler,
    readonly station: Station | null,
  ) {
    net.listen(id, (msg, body) => this.receive(msg, body as Envelope))
  }

  call(to: string, kind: string, payload: unknown, bytes: number, timeoutMs: number, cb: (reply: Reply | null) => void): void {
    const rpc = this.nextRpc++
    const timer = this.sched.schedule(timeoutMs, () => {
      if (this.pending.delete(rpc)) cb(null)
    })
    this.pending.set(rpc, { cb, timer })
    this.net.send(this.id, to, kind, { t: 'call', rpc, payload } satisfies Envelope, bytes)
  }

  sendOneWay(to: string, kind: string, payload: unknown, bytes: number): void {
    this.net.send(this.id, to, kind, { t: 'oneway', payload } satisfies Envelope, bytes)
  }

  crash(): void {
    for (const p of this.pending.values()) this.sched.cancel(p.timer)
    this.pending = new Map()
    this.incarnation++
    this.station?.reset()
  }

  private receive(msg: MessageView, env: Envelope): void {
    if (env.t === 'reply') {
      const p = this.pending.get(env.rpc)
      if (p === undefined) return
      this.pending.delete(env.rpc)
      this.sched.cancel(p.timer)
      p.cb(env.reply)
      return
    }
    const incoming: Incoming = { from: msg.from, kind: msg.kind, payload: env.payload }
    if (env.t === 'oneway') {
      this.onOneWay(incoming)
      return
    }
    const incarnation = this.incarnation
    let answered = false
    const answer = (reply: Reply, bytes: number): void => {
      if (answered || incarnation !== this.incarnation) return
      answered = true
      this.net.send(this.id, msg.from, `${msg.kind}.reply`, { t: 'reply', rpc: env.rpc, reply } satisfies Envelope, bytes)
    }
    const respond: Respond = (payload, bytes) => answer({ ok: true, payload }, bytes)
    const run = (): void => this.onCall(incoming, respond)
    if (this.station === null) run()
    else if (!this.station.offer(run)) answer({ ok: false, error: 'overloaded' }, RPC_BYTES)
  }
}
