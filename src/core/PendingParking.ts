import * as Y from 'yjs'
import type { StateVector } from './stateVector'

/** Longest a parked update waits for what it depends on before it is dropped. */
export const PARKED_MAX_MS = 15_000
/** Most bytes parked at once; past it everything parked is dropped. */
export const PARKED_MAX_BYTES = 512 * 1024

/** What was dropped, for the notice. */
export interface ParkedDrop {
  /** Writers whose structs were dropped, with the first clock they waited for. */
  waitingOn: StateVector
  bytes: number
  why: 'time' | 'size'
}

const parkings = new WeakMap<Y.Doc, PendingParking>()

/** The parking of `doc`, if one runs (`pendingOf` reports parked updates as pending). */
export const parkingOf = (doc: Y.Doc): PendingParking | undefined => parkings.get(doc)

/**
 * Keeps what a replica cannot integrate yet (Yjs's pending structs and pending delete set) out of
 * its document, bounded in time and bytes. Yjs keeps such structs inside the document for ever,
 * and `encodeStateAsUpdate` merges them into every sync step 2 this replica sends: one peer's
 * update from a far clock would then poison what a newcomer receives (its guard refuses the whole
 * message, honest text included). Here, after every transaction (`take`), pending structs and
 * deletions move into one parked update; when a later transaction advances a writer it waits for,
 * `retryDue` says so and `retry` applies it again (with the origin it first came with). Past
 * PARKED_MAX_MS or PARKED_MAX_BYTES it is dropped (`expire`), and the owner says so: anti-entropy
 * fetches again whatever an honest peer still holds. Time comes from the caller.
 */
export class PendingParking {
  private update: Uint8Array | null = null
  private missing = new Map<number, number>()
  private since = 0
  private origin: unknown = null
  private retrying = false
  /** Deletions are parked (they wait for structs of any writer). */
  private deletions = false

  constructor(
    readonly doc: Y.Doc,
    readonly maxMs = PARKED_MAX_MS,
    readonly maxBytes = PARKED_MAX_BYTES,
  ) {
    parkings.set(doc, this)
  }

  get bytes(): number {
    return this.update?.byteLength ?? 0
  }

  /** Writers whose parked structs wait, with the clock they wait from. */
  waitingOn(): StateVector {
    const out: StateVector = {}
    for (const [client, clock] of this.missing) out[String(client)] = clock
    return out
  }

  /**
   * Moves the document's pending structs and deletions here (call after each transaction).
   * Returns what was dropped when this pushed the parking past its size.
   */
  take(origin: unknown, now: number): ParkedDrop | null {
    const store = this.doc.store
    const structs = store.pendingStructs
    const ds = store.pendingDs
    if (structs === null && ds === null) return null
    store.pendingStructs = null
    store.pendingDs = null
    const parts: Uint8Array[] = []
    if (this.update !== null) parts.push(this.update)
    if (structs !== null) {
      parts.push(structs.update)
      for (const [client, clock] of structs.missing) this.missing.set(client, Math.min(clock, this.missing.get(client) ?? clock))
    }
    if (ds !== null) {
      parts.push(ds)
      this.deletions = true
    }
    if (this.update === null) this.since = now
    this.update = parts.length === 1 ? parts[0] : Y.mergeUpdatesV2(parts)
    this.origin = origin
    if (this.update.byteLength > this.maxBytes) return this.drop('size')
    return null
  }

  /** True when `tr` brought a clock some parked struct waits for, or deletions are parked and `tr` added structs. */
  retryDue(tr: Y.Transaction): boolean {
    if (this.update === null || this.retrying) return false
    for (const [client, after] of tr.afterState) {
      if (after <= (tr.beforeState.get(client) ?? 0)) continue
      const wait = this.missing.get(client)
      if (wait === undefined ? this.deletions : after > wait) return true
    }
    return false
  }

  /** Applies the parked update again; what still cannot integrate comes back through `take`. */
  retry(now: number): ParkedDrop | null {
    const update = this.update
    if (update === null) return null
    const origin = this.origin
    const since = this.since
    this.update = null
    this.missing = new Map()
    this.deletions = false
    this.retrying = true
    try {
      Y.applyUpdateV2(this.doc, update, origin)
    } finally {
      this.retrying = false
    }
    // What is still parked keeps its first time: waiting does not restart with each retry.
    if (this.update !== null) this.since = since
    return this.expire(now)
  }

  /** Drops what has waited longer than `maxMs`. */
  expire(now: number): ParkedDrop | null {
    if (this.update === null || now - this.since <= this.maxMs) return null
    return this.drop('time')
  }

  destroy(): void {
    if (parkings.get(this.doc) === this) parkings.delete(this.doc)
    this.update = null
  }

  private drop(why: ParkedDrop['why']): ParkedDrop {
    const dropped: ParkedDrop = { waitingOn: this.waitingOn(), bytes: this.bytes, why }
    this.update = null
    this.missing = new Map()
    this.deletions = false
    return dropped
  }
}
