import * as prng from 'lib0/prng'
import type { AppRequest, CartItem, ClientId, Op } from './cart'
import type { LectureConfig } from './config'

const SKUS = ['apple', 'bread', 'coffee', 'dates', 'eggs', 'figs', 'grapes', 'honey', 'ink', 'jam', 'kale', 'lemon']

interface UserState {
  readonly id: string
  readonly client: ClientId
  readonly weight: number
  lastIssued: number
  /** Items this user has asked to add and not yet asked to remove: what a remove picks from. */
  readonly cart: string[]
}

/**
 * The request stream every approach receives, identical for all of them: a pure function of the
 * seed, the config and the times at which requests are drawn. It never looks at any approach's
 * state (which item a remove names comes from the stream's own record of what was asked).
 *
 * Arrivals are Poisson at the current rate. Users alternate between client C and client D; user
 * activity is skewed (the k-th user of a client weighs 1/k), and a user waits `minUserGapMs`
 * between requests, as a person does, unless every user is busy.
 */
export class RequestStream {
  private readonly rng: prng.PRNG
  private readonly users: UserState[] = []
  private nextId = 1
  private nextItem = 1

  constructor(
    seed: number,
    private readonly cfg: Pick<LectureConfig, 'users' | 'minUserGapMs' | 'opMix' | 'maxNoteLength'>,
  ) {
    this.rng = prng.create(seed >>> 0)
    for (let i = 0; i < cfg.users; i++) {
      this.users.push({
        id: `u${String(i).padStart(2, '0')}`,
        client: i % 2 === 0 ? 'C' : 'D',
        weight: 1 / (Math.floor(i / 2) + 1),
        lastIssued: Number.NEGATIVE_INFINITY,
        cart: [],
      })
    }
  }

  /** Virtual ms to the next arrival at `perSecond` requests per second (exponential gap). */
  gapMs(perSecond: number): number {
    return (-Math.log(1 - this.rng.next()) / perSecond) * 1000
  }

  next(now: number): AppRequest {
    const user = this.pickUser(now)
    user.lastIssued = now
    return { id: this.nextId++, user: user.id, client: user.client, issuedAt: now, op: this.pickOp(user) }
  }

  private pickUser(now: number): UserState {
    const idle = this.users.filter((u) => now - u.lastIssued >= this.cfg.minUserGapMs)
    if (idle.length === 0) return this.users.reduce((a, b) => (b.lastIssued < a.lastIssued ? b : a))
    let r = this.rng.next() * idle.reduce((s, u) => s + u.weight, 0)
    for (const u of idle) {
      r -= u.weight
      if (r < 0) return u
    }
    return idle[idle.length - 1]
  }

  private pickOp(user: UserState): Op {
    const mix = this.cfg.opMix
    const r = this.rng.next() * (mix.read + mix.add + mix.remove + mix.inc)
    if (r < mix.read) return { kind: 'read' }
    const isRemove = r >= mix.read + mix.add && r < mix.read + mix.add + mix.remove
    if (isRemove && user.cart.length > 0) {
      const at = prng.int32(this.rng, 0, user.cart.length - 1)
      const itemId = user.cart[at]
      user.cart[at] = user.cart[user.cart.length - 1]
      user.cart.pop()
      return { kind: 'remove', itemId }
    }
    if (r < mix.read + mix.add + mix.remove) return { kind: 'add', item: this.newItem(user) }
    return { kind: 'inc' }
  }

  private newItem(user: UserState): CartItem {
    const item: CartItem = {
      id: `${user.id}.${this.nextItem++}`,
      sku: prng.oneOf(this.rng, SKUS),
      qty: prng.int32(this.rng, 1, 3),
      note: prng.word(this.rng, 0, this.cfg.maxNoteLength),
    }
    user.cart.push(item.id)
    return item
  }
}
