import { type AppRequest, type AppResponse, type CartItem, type Carried, type ClientId, RPC_BYTES, type UserId } from '../cart'
import { Database } from '../Database'
import { type FunctionalState, handleRequest, needsCounter } from '../functionalHandler'
import type { Authority } from '../Ledger'
import type { FaultKind } from '../types'
import { Approach, type ApproachContext, type ServerId } from './Approach'

/** Compare-and-set attempts before an increment gives up. */
const MAX_CAS_ATTEMPTS = 4

interface CounterRead {
  readonly value: number
  readonly version: number
}

/**
 * Approach 4: functional servers. A and A′ run one pure handler, (state, request) → (newState,
 * response), and keep nothing between requests. The state travels with the request: each user's
 * cart comes from the client's storage in the request body and goes back in the response; the
 * shared counter, which no client can hold, is read from a store, passed in, and written back with
 * a compare-and-set (retried on conflict). So the state did not disappear: it moved to the client
 * and the store, and the request carries it both ways.
 */
export class FunctionalApproach extends Approach {
  private readonly store = new Database()
  /** Client storage (localStorage-like), per user. Unlike a cookie, not size-capped and not signed. */
  private readonly storage: Record<ClientId, Map<UserId, readonly CartItem[]>> = { C: new Map(), D: new Map() }
  private casConflicts = 0

  constructor(ctx: ApproachContext) {
    super(
      'functional',
      ctx,
      [{ id: 'DB', kind: 'db', label: 'store' }],
      [
        { a: 'A', b: 'DB', latencyMs: ctx.cfg.serverDbMs },
        { a: 'A2', b: 'DB', latencyMs: ctx.cfg.serverDbMs },
      ],
      ['kill-db', 'clear-cookies'],
    )
    this.endpoint('DB').onCall = (msg, respond) => {
      if (msg.kind === 'store.get') {
        respond({ value: this.store.counter, version: this.store.version } satisfies CounterRead, RPC_BYTES + 16)
        return
      }
      const { req, expect, value } = msg.payload as { req: AppRequest; expect: number; value: number }
      const ok = this.store.compareAndSetCounter(expect, value)
      if (ok) this.metrics.executed(req)
      respond(ok, RPC_BYTES)
    }
  }

  protected carriedFor(req: AppRequest): Carried | null {
    return this.storage[req.client].get(req.user) ?? []
  }

  protected keepCarried(req: AppRequest, carried: Carried): void {
    if (typeof carried !== 'string') this.storage[req.client].set(req.user, carried)
  }

  protected handle(server: ServerId, req: AppRequest, carried: Carried | null, respond: (r: AppResponse) => void): void {
    const cart = Array.isArray(carried) ? (carried as readonly CartItem[]) : []
    if (!needsCounter(req.op)) {
      const { state } = handleRequest({ cart, counter: null }, req.op)
      respond({ status: 'ok', carried: state.cart })
      return
    }
    const ep = this.endpoint(server)
    const attempt = (n: number): void =>
      ep.call('DB', 'store.get', null, RPC_BYTES, this.cfg.dbTimeoutMs, (got) => {
        if (got === null || !got.ok) return respond({ status: 'error', reason: 'store-unavailable' })
        const read = got.payload as CounterRead
        const input: FunctionalState = { cart, counter: read.value }
        const { state, view } = handleRequest(input, req.op)
        if (view !== null) return respond({ status: 'ok', view })
        const body = { req, expect: read.version, value: state.counter }
        ep.call('DB', 'store.cas', body, RPC_BYTES + 16, this.cfg.dbTimeoutMs, (put) => {
          if (put === null || !put.ok) return respond({ status: 'error', reason: 'store-unavailable' })
          if (put.payload === true) return respond({ status: 'ok' })
          this.casConflicts++
          if (n + 1 < MAX_CAS_ATTEMPTS) attempt(n + 1)
          else respond({ status: 'error', reason: 'conflict' })
        })
      })
    attempt(0)
  }

  protected injectOwn(fault: FaultKind): void {
    if (fault === 'kill-db') this.crashNode('DB')
    if (fault === 'clear-cookies') {
      this.storage.C.clear()
      this.storage.D.clear()
    }
  }

  protected recoverOwn(fault: FaultKind): void {
    if (fault === 'kill-db') this.restartNode('DB')
  }

  protected authority(): Authority {
    const cartOf = (user: UserId) => this.storage.C.get(user) ?? this.storage.D.get(user) ?? []
    return { hasItem: (user, id) => cartOf(user).some((i) => i.id === id), counter: () => this.store.counter }
  }

  protected nodeBytes(node: string): number {
    if (node === 'DB') return this.store.bytes
    if (node === 'C' || node === 'D') {
      let n = 0
      for (const cart of this.storage[node].values()) n += JSON.stringify(cart).length
      return n
    }
    return 0
  }

  extras(): Record<string, number> {
    return { casConflicts: this.casConflicts }
  }

  stateEquality(): { state: boolean | null; detail: string } {
    const up = this.net.isUp('A') && this.net.isUp('A2')
    return { state: up ? true : null, detail: 'A and A′ run one pure function and hold nothing' }
  }
}
