import type { Scheduler } from '../sim/Scheduler'
import type { AppRequest, AppResponse } from './cart'
import type { Endpoint } from './Endpoint'

export interface Outcome {
  /** ok / refused: a server answered; failed: neither could. */
  readonly status: 'ok' | 'refused' | 'failed'
  readonly response: AppResponse | null
  readonly servedBy: string | null
  /** Answered by the client's second-choice server (A′ for C, A for D): its first choice failed now or recently. */
  readonly failover: boolean
  /** From issue to answer (or to giving up). */
  readonly latencyMs: number
  /** Why the last attempt failed, when one did. */
  readonly reason: string | null
}

export interface FailoverOptions {
  readonly timeoutMs: number
  readonly suspectMs: number
  readonly overloadSuspectMs: number
}

/** What to send to a given server: the approach attaches client-held state here, at send time. */
export type BuildRequest = (server: string) => { readonly payload: unknown; readonly bytes: number }

/**
 * Client C (or D): sends each request to its preferred server and fails over to the other one when
 * the first times out, is overloaded (503) or reports an error (its database is gone). A server that
 * timed out or shed load is avoided for a while, so that later requests go straight to the other.
 * A late answer from a server already given up on is ignored (the server may still have executed it).
 */
export class FailoverClient {
  private readonly avoidUntil = new Map<string, number>()

  constructor(
    private readonly endpoint: Endpoint,
    private readonly sched: Scheduler,
    private readonly servers: readonly [string, string],
    private readonly opts: FailoverOptions,
  ) {}

  /** Servers in the order the next request will try them. */
  order(): [string, string] {
    const [first, second] = this.servers
    const now = this.sched.now
    return (this.avoidUntil.get(first) ?? 0) > now && (this.avoidUntil.get(second) ?? 0) <= now ? [second, first] : [first, second]
  }

  send(req: AppRequest, build: BuildRequest, done: (o: Outcome) => void): void {
    const order = this.order()
    const attempt = (i: number, lastReason: string | null): void => {
      if (i >= order.length) {
        done({ status: 'failed', response: null, servedBy: null, failover: false, latencyMs: this.sched.now - req.issuedAt, reason: lastReason })
        return
      }
      const server = order[i]
      const { payload, bytes } = build(server)
      this.endpoint.call(server, 'req', payload, bytes, this.opts.timeoutMs, (reply) => {
        if (reply === null) {
          this.avoid(server, this.opts.suspectMs)
          attempt(i + 1, 'timeout')
        } else if (!reply.ok) {
          this.avoid(server, this.opts.overloadSuspectMs)
          attempt(i + 1, 'overloaded')
        } else {
          const response = reply.payload as AppResponse
          if (response.status === 'error') attempt(i + 1, response.reason)
          else
            done({
              status: response.status,
              response,
              servedBy: server,
              failover: server !== this.servers[0],
              latencyMs: this.sched.now - req.issuedAt,
              reason: response.status === 'refused' ? response.reason : null,
            })
        }
      })
    }
    attempt(0, null)
  }

  private avoid(server: string, ms: number): void {
    this.avoidUntil.set(server, Math.max(this.avoidUntil.get(server) ?? 0, this.sched.now + ms))
  }
}
