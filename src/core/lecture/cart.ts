/**
 * The one application every approach runs: a shopping cart per user plus one counter shared by all
 * users. Four requests: read (the user's cart and the counter), add an item, remove an item,
 * increment the counter. Everything here is plain, immutable data.
 */
export type UserId = string
export type ClientId = 'C' | 'D'

export interface CartItem {
  readonly id: string
  readonly sku: string
  readonly qty: number
  readonly note: string
}

export type Op =
  | { readonly kind: 'read' }
  | { readonly kind: 'add'; readonly item: CartItem }
  | { readonly kind: 'remove'; readonly itemId: string }
  | { readonly kind: 'inc' }

export type OpKind = Op['kind']

export interface AppRequest {
  /** Unique in a run, increasing with issue time. */
  readonly id: number
  readonly user: UserId
  readonly client: ClientId
  readonly issuedAt: number
  readonly op: Op
}

/** What a read returns. */
export interface View {
  readonly cart: readonly CartItem[]
  readonly counter: number
}

/**
 * A server's answer. `ok` and `refused` are answers (the service is up); `error` means this server
 * could not serve (its database is gone, …) and the client may try the other one. `carried` is new
 * client-held state (a Set-Cookie value, or a cart to keep in client storage) when the approach has one.
 */
export type AppResponse =
  | { readonly status: 'ok'; readonly view?: View; readonly carried?: Carried }
  | { readonly status: 'refused'; readonly reason: string; readonly carried?: Carried }
  | { readonly status: 'error'; readonly reason: string }

/** Client-held state: a cookie string, or a cart kept in client storage. */
export type Carried = string | readonly CartItem[]

export const isWrite = (op: Op): boolean => op.kind !== 'read'

/**
 * The cart after `op`; the input is never modified. Adding an id already present and removing an
 * absent id change nothing, so a retried add or remove is harmless (an increment is not).
 */
export const applyToCart = (cart: readonly CartItem[], op: Op): readonly CartItem[] => {
  if (op.kind === 'add') return cart.some((i) => i.id === op.item.id) ? cart : [...cart, op.item]
  if (op.kind === 'remove') return cart.some((i) => i.id === op.itemId) ? cart.filter((i) => i.id !== op.itemId) : cart
  return cart
}

/** Bytes of a value as JSON. Every string in the model is ASCII, so characters are bytes. */
export const jsonBytes = (v: unknown): number => JSON.stringify(v)?.length ?? 0

/** Fixed costs of a message, beyond its body: HTTP request and response headers, an internal RPC frame. */
export const HTTP_REQUEST_BYTES = 300
export const HTTP_RESPONSE_BYTES = 200
export const RPC_BYTES = 60

export const opBytes = (op: Op): number => jsonBytes(op)
