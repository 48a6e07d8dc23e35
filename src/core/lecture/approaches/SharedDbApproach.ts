import { type AppRequest, type AppResponse, jsonBytes, type Op, RPC_BYTES, type UserId, type View } from '../cart'
import { Database } from '../Database'
import type { Authority } from '../Ledger'
import type { FaultKind } from '../types'
import { Approach, type ApproachContext, type ServerId } from './Approach'

interface Query {
  readonly req: AppRequest
}

/**
 * Approach 1: stateless servers A and A′ over one shared database. Every request costs a round trip
 * from the server to the database, which executes it atomically. A and A′ hold nothing, so they are
 * trivially equal; the database is the single place the state lives (durable: a killed database
 * comes back with its data, but while it is down no request can be served).
 */
export class SharedDbApproach extends Approach {
  private readonly db = new Database()

  constructor(ctx: ApproachContext) {
    super(
      'shared-db',
      ctx,
      [{ id: 'DB', kind: 'db', label: 'DB' }],
      [
        { a: 'A', b: 'DB', latencyMs: ctx.cfg.serverDbMs },
        { a: 'A2', b: 'DB', latencyMs: ctx.cfg.serverDbMs },
      ],
      ['kill-db'],
    )
    this.endpoint('DB').onCall = (msg, respond) => {
      const { req } = msg.payload as Query
      this.metrics.executed(req)
      const { view } = this.db.execute(req.user, req.op)
      respond(view, RPC_BYTES + (view === null ? 0 : jsonBytes(view)))
    }
  }

  protected handle(server: ServerId, req: AppRequest, _carried: unknown, respond: (r: AppResponse) => void): void {
    const bytes = RPC_BYTES + jsonBytes(req.op)
    this.endpoint(server).call('DB', dbKind(req.op), { req } satisfies Query, bytes, this.cfg.dbTimeoutMs, (reply) => {
      if (reply === null) respond({ status: 'error', reason: 'db-unavailable' })
      else if (!reply.ok) respond({ status: 'error', reason: 'db-overloaded' })
      else {
        const view = reply.payload as View | null
        respond(view === null ? { status: 'ok' } : { status: 'ok', view })
      }
    })
  }

  protected injectOwn(fault: FaultKind): void {
    if (fault === 'kill-db') this.crashNode('DB')
  }

  protected recoverOwn(fault: FaultKind): void {
    if (fault === 'kill-db') this.restartNode('DB')
  }

  protected authority(): Authority {
    return { hasItem: (user: UserId, id: string) => this.db.hasItem(user, id), counter: () => this.db.counter }
  }

  protected nodeBytes(node: string): number {
    return node === 'DB' ? this.db.bytes : 0
  }

  stateEquality(): { state: boolean | null; detail: string } {
    const up = this.net.isUp('A') && this.net.isUp('A2')
    return { state: up ? true : null, detail: 'A and A′ hold nothing: 0 bytes each' }
  }
}

export const dbKind = (op: Op): string => (op.kind === 'read' ? 'db.select' : 'db.update')
