import { applyToCart, type CartItem, type Op, type View } from './cart'

/**
 * The functional approach's whole server logic: a pure function. Its state comes in as an
 * argument and goes out as a result; nothing is read from or kept on the server. `counter` is null
 * when the request does not need the shared counter (the server then does not fetch it).
 */
export interface FunctionalState {
  readonly cart: readonly CartItem[]
  readonly counter: number | null
}

export interface FunctionalResult {
  readonly state: FunctionalState
  readonly view: View | null
}

/** Whether `op` needs the shared counter (which lives in the store, not with the client). */
export const needsCounter = (op: Op): boolean => op.kind === 'read' || op.kind === 'inc'

/**
 * `(state, request) → (newState, response)`. Never modifies its arguments; the same arguments give
 * the same result on A, on A′, now or later. Throws if the counter is needed but not given.
 */
export const handleRequest = (state: FunctionalState, op: Op): FunctionalResult => {
  if (needsCounter(op) && state.counter === null) throw new Error(`${op.kind} needs the counter`)
  switch (op.kind) {
    case 'read':
      return { state, view: { cart: state.cart, counter: state.counter as number } }
    case 'inc':
      return { state: { cart: state.cart, counter: (state.counter as number) + 1 }, view: null }
    default:
      return { state: { cart: applyToCart(state.cart, op), counter: state.counter }, view: null }
  }
}
