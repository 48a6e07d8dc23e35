import * as prng from 'lib0/prng'
import type { AppRequest, AppResponse, Carried, ClientId } from '../cart'
import { CookieJar } from '../CookieJar'
import { applyToSession, openSession, sealSession } from '../cookieSession'
import type { Authority } from '../Ledger'
import type { FaultKind } from '../types'
import { Approach, type ApproachContext, type ServerId } from './Approach'
import { clearCookies, cookieAuthority, tamperCookie } from './CookiesApproach'
import { ReplicaPair } from './ReplicaPair'

/**
 * Approach 6: each kind of state where it fits. A user's cart is private to that user, so it
 * travels in the user's signed cookie (stateless servers, any server answers). The counter is
 * shared, so it lives in CRDT replicas on A and A′ (local, converging). Reads get both without a
 * database. It inherits both weaknesses in a smaller form: carts still vanish with the cookies and
 * hit the 4 KB cap; the counter is stale across a partition until anti-entropy.
 */
export class HybridApproach extends Approach {
  private readonly jars: Record<ClientId, CookieJar> = { C: new CookieJar(), D: new CookieJar() }
  private readonly pair: ReplicaPair

  constructor(ctx: ApproachContext) {
    super('hybrid', ctx, [], [{ a: 'A', b: 'A2', latencyMs: ctx.cfg.serverServerMs }], ['clear-cookies', 'tamper-cookie', 'partition'])
    this.pair = new ReplicaPair(
      (s) => this.endpoint(s),
      () => prng.uint32(this.rng, 1, 0x7fffffff),
    )
  }

  protected carriedFor(req: AppRequest): Carried | null {
    return this.jars[req.client].get(req.user)
  }

  protected keepCarried(req: AppRequest, carried: Carried): void {
    if (typeof carried === 'string') this.jars[req.client].set(req.user, carried)
  }

  protected handle(server: ServerId, req: AppRequest, carried: Carried | null, respond: (r: AppResponse) => void): void {
    const replica = this.pair.get(server)
    if (req.op.kind === 'inc') {
      replica.execute(req.user, req.op)
      this.metrics.executed(req)
      respond({ status: 'ok' })
      return
    }
    const { state, tampered } = openSession(typeof carried === 'string' ? carried : null, this.cfg.cookieKey)
    if (tampered) this.metrics.tamperDetected++
    const reset = tampered ? { carried: '' } : {}
    if (req.op.kind === 'read') {
      respond({ status: 'ok', view: { cart: state.items, counter: replica.counter() }, ...reset })
      return
    }
    const cookie = sealSession(applyToSession(state, req.op), this.cfg.cookieKey)
    if (cookie.length > this.cfg.cookieLimitBytes) respond({ status: 'refused', reason: 'cookie-too-large', ...reset })
    else respond({ status: 'ok', carried: cookie })
  }

  protected injectOwn(fault: FaultKind): void {
    if (fault === 'clear-cookies') clearCookies(this.jars)
    if (fault === 'tamper-cookie') tamperCookie(this.jars)
    if (fault === 'partition') this.pair.partition(this.net, true)
  }

  protected recoverOwn(fault: FaultKind): void {
    if (fault === 'partition') this.pair.partition(this.net, false)
  }

  protected onCrash(node: string): void {
    this.pair.onCrash(node)
  }

  protected onRestart(node: string): void {
    this.pair.onRestart(node)
  }

  protected authority(): Authority {
    const cookies = cookieAuthority(this.jars, false)
    // The cart travels in cookies (one home); the counter lives in the replicas (two copies).
    const copies = () => this.pair.copies().map((c) => ({ hasItem: cookies.hasItem, counter: c.counter }))
    return { hasItem: cookies.hasItem, counter: () => this.pair.mergedCounter(), copies }
  }

  protected nodeBytes(node: string): number {
    if (node === 'A' || node === 'A2') return this.pair.get(node).bytes()
    if (node === 'C' || node === 'D') return this.jars[node].bytes
    return 0
  }

  digests(): { A: string | null; A2: string | null } {
    return { A: this.pair.A.digest(), A2: this.pair.A2.digest() }
  }

  stateEquality(): { state: boolean | null; detail: string } {
    return this.pair.equality()
  }

  destroy(): void {
    this.pair.destroy()
  }
}
