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

/**
 * Where an approach keeps its state, as far as the ledger needs to know: the state it will end in
 * once every message in flight has arrived and every partition has healed (for CRDT replicas, the
 * merge of what the replicas hold). With `copies`, also each copy a read may be served from now.
 */
export interface Authority {
  hasItem(user: UserId, itemId: string): boolean
  counter(): number
  /** The copies of that state that serve reads (the up replicas); none: the state has one home. */
  copies?: () => ReadonlyArray<Pick<Authority, 'hasItem' | 'counter'>>
}

/** Acknowledged writes, by where their effect is. */
export interface WriteFate {
  /** Missing from the state the approach will converge to: no healing brings them back. */
  lostForGood: number
  /** In that state, but not yet on every copy (in flight, or behind a partition). */
  notYetEverywhere: number
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

  /** Acknowledged writes lost for good (their effect is missing from `auth`). */
  lost(auth: Authority): number {
    return this.fate(auth).lostForGood
  }

  /**
   * Lost for good versus not yet everywhere. A remove that one replica has applied and the other
   * has not yet heard of is not lost: it is on its way. Counting it as lost (as a union of the
   * replicas would) teaches the opposite of the lesson.
   */
  fate(auth: Authority): WriteFate {
    const copies = auth.copies?.() ?? []
    let lostForGood = 0
    let notYetEverywhere = 0
    for (const rec of this.items.values()) {
      const removed = rec.removeSeq !== null
      if (!removed && rec.addSeq === null) continue
      const holds = (a: Pick<Authority, 'hasItem'>) => a.hasItem(rec.user, rec.id) !== removed
      if (!holds(auth)) lostForGood++
      else if (copies.some((c) => !holds(c))) notYetEverywhere++
    }
    const kept = Math.min(this.incs, auth.counter())
    lostForGood += this.incs - kept
    if (copies.length > 0) notYetEverywhere += Math.max(0, kept - Math.min(...copies.map((c) => c.counter())))
    return { lostForGood, notYetEverywhere }
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
