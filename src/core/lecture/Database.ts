import { applyToCart, type CartItem, jsonBytes, type Op, type UserId, type View } from './cart'

/** What a database write changed, so that a cache can be written through. */
export interface Written {
  readonly cart?: readonly CartItem[]
  readonly counter?: number
}

/**
 * The shared database (or, for the functional approach, the store): every user's cart and the
 * counter. Durable: a killed database keeps its data on disk and comes back with it. Operations
 * are atomic (one at a time), and arrays are never modified in place, so readers may keep them.
 */
export class Database {
  private readonly carts = new Map<UserId, readonly CartItem[]>()
  private readonly cartBytes = new Map<UserId, number>()
  private count = 0
  /** Increases with every write of the counter: for compare-and-set. */
  private counterVersion = 0

  cart(user: UserId): readonly CartItem[] {
    return this.carts.get(user) ?? []
  }

  get counter(): number {
    return this.count
  }

  get version(): number {
    return this.counterVersion
  }

  /** Runs one request against the data: reads return the view, writes what they changed. */
  execute(user: UserId, op: Op): { view: View | null; written: Written } {
    if (op.kind === 'read') return { view: { cart: this.cart(user), counter: this.count }, written: {} }
    if (op.kind === 'inc') {
      this.count++
      this.counterVersion++
      return { view: null, written: { counter: this.count } }
    }
    const next = applyToCart(this.cart(user), op)
    this.carts.set(user, next)
    this.cartBytes.set(user, jsonBytes(next))
    return { view: null, written: { cart: next } }
  }

  /** Writes the counter only if nobody wrote it since `expectedVersion` was read. */
  compareAndSetCounter(expectedVersion: number, value: number): boolean {
    if (expectedVersion !== this.counterVersion) return false
    this.count = value
    this.counterVersion++
    return true
  }

  hasItem(user: UserId, itemId: string): boolean {
    return this.cart(user).some((i) => i.id === itemId)
  }

  /** Bytes of data held: every cart as JSON, plus the counter. */
  get bytes(): number {
    let n = jsonBytes(this.count)
    for (const b of this.cartBytes.values()) n += b
    return n
  }
}
