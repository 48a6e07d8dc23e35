import type { AppRequest, UserId, View } from './cart'

interface ItemRecord {
  readonly id: string
  readonly user: UserId
  /** Ack sequence numbers: when the client got "ok" for the add / the remove. */
  addSeq: number | null
  removeSeq: number | null
}

/** What a read issued now must show: everything acknowledged up to `seq`. */
export interface Expectation {
  readonly user: UserId
  readonly seq: number
  readonly incs: number
}

/** Where an approach keeps its state, as far as the ledger needs to know. */
export interface Authority {
  hasItem(user: UserId, itemId: string): boolean
  counter(): number
}

/**
 * The client's record of acknowledged writes: the truth the approaches are checked against.
 * A read is stale when it misses a write acknowledged before the read was issued. A write is lost
 * when it was acknowledged and its effect is missing now from where the approach keeps its state
 * (an add whose item is gone, a remove whose item is back, increments missing from the counter).
 */
export class Ledger {
  private readonly items = new Map<string, ItemRecord>()
  private readonly byUser = new Map<UserId, ItemRecord[]>()
  private seq = 0
  private incs = 0

  get ackedIncrements(): number {
    return this.incs
  }

  expectation(user: UserId): Expectation {
    return { user, seq: this.seq, incs: this.incs }
  }

  /** Records that the client got "ok" for this write. */
  ack(req: AppRequest): void {
    const op = req.op
    if (op.kind === 'read') return
    this.seq++
    if (op.kind === 'inc') this.incs++
    else if (op.kind === 'add') this.record(req.user, op.item.id).addSeq = this.seq
    else this.record(req.user, op.itemId).removeSeq = this.seq
  }

  /** Which part of a read's answer misses a write acknowledged before the read was issued. */
  staleness(exp: Expectation, view: View): { cart: boolean; counter: boolean } {
    return { cart: this.cartIsStale(exp, view), counter: view.counter < exp.incs }
  }

  private cartIsStale(exp: Expectation, view: View): boolean {
    const have = new Set(view.cart.map((i) => i.id))
    for (const rec of this.byUser.get(exp.user) ?? []) {
      if (rec.removeSeq !== null && rec.removeSeq <= exp.seq) {
        if (have.has(rec.id)) return true
      } else if (rec.addSeq !== null && rec.addSeq <= exp.seq && !have.has(rec.id)) return true
    }
    return false
  }

  lost(auth: Authority): number {
    let n = 0
    for (const rec of this.items.values()) {
      if (rec.removeSeq !== null) {
        if (auth.hasItem(rec.user, rec.id)) n++
      } else if (rec.addSeq !== null && !auth.hasItem(rec.user, rec.id)) n++
    }
    return n + Math.max(0, this.incs - auth.counter())
  }

  private record(user: UserId, id: string): ItemRecord {
    let rec = this.items.get(id)
    if (rec === undefined) {
      rec = { id, user, addSeq: null, removeSeq: null }
      this.items.set(id, rec)
      const list = this.byUser.get(user)
      if (list === undefined) this.byUser.set(user, [rec])
      else list.push(rec)
    }
    return rec
  }
}
