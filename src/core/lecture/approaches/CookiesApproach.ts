import type { AppRequest, AppResponse, Carried, ClientId, UserId } from '../cart'
import { CookieJar } from '../CookieJar'
import { applyToSession, forgeSession, openSession, sealSession } from '../cookieSession'
import type { Authority } from '../Ledger'
import type { FaultKind } from '../types'
import { Approach, type ApproachContext, type ServerId } from './Approach'

/**
 * Approach 3: the client carries its state in a signed cookie; A and A′ are stateless and either
 * can answer. Each request sends the cookie, the server verifies its signature, applies the request
 * and sets the new cookie. Browsers cap a cookie at about 4 KB: a write that would pass the cap is
 * refused. A cookie holds one user's state only, so the "shared" counter is each user's own count
 * (reads miss everyone else's increments). Clearing cookies loses everything; a forged cookie is
 * detected by its signature and discarded.
 */
export class CookiesApproach extends Approach {
  protected readonly jars: Record<ClientId, CookieJar> = { C: new CookieJar(), D: new CookieJar() }

  constructor(ctx: ApproachContext) {
    super('cookies', ctx, [], [], ['clear-cookies', 'tamper-cookie'])
  }

  protected carriedFor(req: AppRequest): Carried | null {
    return this.jars[req.client].get(req.user)
  }

  protected keepCarried(req: AppRequest, carried: Carried): void {
    if (typeof carried === 'string') this.jars[req.client].set(req.user, carried)
  }

  protected handle(_server: ServerId, req: AppRequest, carried: Carried | null, respond: (r: AppResponse) => void): void {
    const { state, tampered } = openSession(typeof carried === 'string' ? carried : null, this.cfg.cookieKey)
    if (tampered) this.metrics.tamperDetected++
    if (req.op.kind === 'read') {
      const view = { cart: state.items, counter: state.count }
      respond(tampered ? { status: 'ok', view, carried: '' } : { status: 'ok', view })
      return
    }
    const cookie = sealSession(applyToSession(state, req.op), this.cfg.cookieKey)
    if (cookie.length > this.cfg.cookieLimitBytes) {
      respond(tampered ? { status: 'refused', reason: 'cookie-too-large', carried: '' } : { status: 'refused', reason: 'cookie-too-large' })
      return
    }
    respond({ status: 'ok', carried: cookie })
  }

  protected injectOwn(fault: FaultKind): void {
    if (fault === 'clear-cookies') clearCookies(this.jars)
    if (fault === 'tamper-cookie') tamperCookie(this.jars)
  }

  protected authority(): Authority {
    return cookieAuthority(this.jars, true)
  }

  protected nodeBytes(node: string): number {
    return node === 'C' || node === 'D' ? this.jars[node].bytes : 0
  }

  stateEquality(): { state: boolean | null; detail: string } {
    const up = this.net.isUp('A') && this.net.isUp('A2')
    return { state: up ? true : null, detail: 'A and A′ hold nothing (and share the signing key)' }
  }
}

/** Client C and client D clear every cookie. */
export const clearCookies = (jars: Record<ClientId, CookieJar>): void => {
  jars.C.clear()
  jars.D.clear()
}

/** The first user of client C with a cookie raises their own count and keeps the old signature. */
export const tamperCookie = (jars: Record<ClientId, CookieJar>): void => {
  const user = jars.C.users()[0]
  const cookie = user === undefined ? null : jars.C.get(user)
  if (user !== undefined && cookie !== null) jars.C.set(user, forgeSession(cookie))
}

/** The cookies as where the state is kept: carts, and (when `withCounter`) the sum of users' own counts. */
export const cookieAuthority = (jars: Record<ClientId, CookieJar>, withCounter: boolean): Authority => {
  return {
    hasItem: (user: UserId, id: string) => jars.C.hasItem(user, id) || jars.D.hasItem(user, id),
    counter: () => {
      if (!withCounter) return 0
      let n = 0
      for (const jar of [jars.C, jars.D]) for (const s of jar.sessions()) n += s.count
      return n
    },
  }
}
