import { applyToCart, type CartItem, type Op } from './cart'
import { signCookie, unverifiedValue, verifyCookie } from './signedCookie'

/** A user's state when it travels in a cookie: the cart, and the user's own count of increments. */
export interface SessionState {
  readonly items: readonly CartItem[]
  readonly count: number
}

export const EMPTY_SESSION: SessionState = Object.freeze({ items: Object.freeze([]) as readonly CartItem[], count: 0 })

const parse = (value: string): SessionState | null => {
  try {
    const s = JSON.parse(value) as SessionState
    return Array.isArray(s.items) && typeof s.count === 'number' ? s : null
  } catch {
    return null
  }
}

/**
 * What a server reads from the cookie sent with a request. No cookie: an empty session. A cookie
 * whose signature does not verify is discarded: the server cannot tell what was forged, so the
 * session restarts empty (`tampered` says so).
 */
export const openSession = (cookie: string | null, key: string): { state: SessionState; tampered: boolean } => {
  if (cookie === null || cookie === '') return { state: EMPTY_SESSION, tampered: false }
  const value = verifyCookie(cookie, key)
  const state = value === null ? null : parse(value)
  return state === null ? { state: EMPTY_SESSION, tampered: true } : { state, tampered: false }
}

export const sealSession = (state: SessionState, key: string): string => signCookie(JSON.stringify(state), key)

/** The session after `op` (pure). An increment counts in the user's own session only. */
export const applyToSession = (state: SessionState, op: Op): SessionState =>
  op.kind === 'inc' ? { items: state.items, count: state.count + 1 } : { items: applyToCart(state.items, op), count: state.count }

/** Reads a cookie without the key (as the client can): for measuring what it holds. */
export const peekSession = (cookie: string): SessionState => parse(unverifiedValue(cookie)) ?? EMPTY_SESSION

/**
 * A forgery a user could try: raise their own count, keep the old signature. Returns the altered
 * cookie; only the signature check can notice.
 */
export const forgeSession = (cookie: string): string => {
  const s = peekSession(cookie)
  const dot = cookie.lastIndexOf('.')
  const sig = dot < 0 ? '' : cookie.slice(dot + 1)
  return `${JSON.stringify({ items: s.items, count: s.count + 1000 })}.${sig}`
}
