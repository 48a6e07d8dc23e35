import * as Y from 'yjs'
import { stateDigest } from '../digest'
import { addToCounter, counterMap, counterValue } from '../schema'
import { applyValidated } from '../validate'
import { type CartItem, type Op, RPC_BYTES, type UserId, type View } from './cart'
import type { Endpoint, Incoming } from './Endpoint'

const REMOTE = Symbol('remote')

/** The cart lives in one flat map, item id → item (ids start with the user's id): concurrent adds never overwrite each other. */
const cartMap = (doc: Y.Doc): Y.Map<CartItem> => doc.getMap('cart')

export const UPDATE_KIND = 'y.update'
export const SYNC1_KIND = 'y.sync1'
export const SYNC2_KIND = 'y.sync2'

/**
 * One stateful replica (A or A′): a real Y.Doc, written locally and acknowledged at once. Every
 * local change is sent to the peer as a Yjs update; every update received is validated before it
 * is applied (`applyValidated`). Anti-entropy: `sync()` sends this replica's state vector, and the
 * peer answers with exactly what this replica lacks. A crash loses the document (memory); a
 * restart begins empty, under a new clientID, and must sync from the peer.
 */
export class CrdtReplica {
  private current: Y.Doc | null = null
  private digestDirty = true
  private bytesDirty = true
  private cachedDigest = ''
  private cachedBytes = 0
  rejectedUpdates = 0

  constructor(
    private readonly endpoint: Endpoint,
    private readonly peer: string,
    private readonly newClientId: () => number,
  ) {}

  get doc(): Y.Doc | null {
    return this.current
  }

  start(): void {
    const doc = new Y.Doc()
    doc.clientID = this.newClientId()
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.digestDirty = true
      this.bytesDirty = true
      if (origin !== REMOTE) this.endpoint.sendOneWay(this.peer, UPDATE_KIND, update, RPC_BYTES + update.byteLength)
    })
    this.current = doc
    this.digestDirty = true
    this.bytesDirty = true
  }

  crash(): void {
    this.current?.destroy()
    this.current = null
  }

  /** Sends this replica's state vector; the peer answers with what is missing here. */
  sync(): void {
    if (this.current === null) return
    const sv = Y.encodeStateVector(this.current)
    this.endpoint.sendOneWay(this.peer, SYNC1_KIND, sv, RPC_BYTES + sv.byteLength)
  }

  /** Handles replication and anti-entropy messages; returns false for other kinds. */
  receive(msg: Incoming): boolean {
    const doc = this.current
    if (msg.kind === UPDATE_KIND || msg.kind === SYNC2_KIND) {
      if (doc !== null && applyValidated(doc, msg.payload as Uint8Array, REMOTE) !== null) this.rejectedUpdates++
      return true
    }
    if (msg.kind === SYNC1_KIND) {
      if (doc !== null) {
        const diff = Y.encodeStateAsUpdate(doc, msg.payload as Uint8Array)
        this.endpoint.sendOneWay(msg.from, SYNC2_KIND, diff, RPC_BYTES + diff.byteLength)
      }
      return true
    }
    return false
  }

  /** Applies a request locally. Call only while up. */
  execute(user: UserId, op: Op): View | null {
    const doc = this.current!
    if (op.kind === 'read') return { cart: this.cartOf(user), counter: counterValue(doc) }
    if (op.kind === 'add') cartMap(doc).set(op.item.id, op.item)
    else if (op.kind === 'remove') {
      if (cartMap(doc).has(op.itemId)) cartMap(doc).delete(op.itemId)
    } else addToCounter(doc, 1)
    return null
  }

  counter(): number {
    return this.current === null ? 0 : counterValue(this.current)
  }

  /** The counter as per-writer entries (each replica incarnation writes only its own). */
  counterEntries(): Map<string, number> {
    const out = new Map<string, number>()
    if (this.current !== null)
      counterMap(this.current).forEach((v, k) => {
        out.set(k, v)
      })
    return out
  }

  hasItem(itemId: string): boolean {
    return this.current !== null && cartMap(this.current).has(itemId)
  }

  /** The Yjs id of the cart entry `itemId` holds now (null when it holds none). */
  itemIdOf(itemId: string): Y.ID | null {
    const item = this.current === null ? undefined : cartMap(this.current)._map.get(itemId)
    return item === undefined || item.deleted ? null : item.id
  }

  /** Whether this replica has integrated the op with this id (its state vector covers it). */
  hasSeen(id: Y.ID): boolean {
    return this.current !== null && Y.getState(this.current.store, id.client) > id.clock
  }

  get up(): boolean {
    return this.current !== null
  }

  cartOf(user: UserId): CartItem[] {
    const out: CartItem[] = []
    if (this.current === null) return out
    const prefix = `${user}.`
    for (const [id, item] of cartMap(this.current).entries()) if (id.startsWith(prefix)) out.push(item)
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }

  /** The state digest (state vector + delete set), or null while down. Recomputed only after a change. */
  digest(): string | null {
    if (this.current === null) return null
    if (this.digestDirty) this.cachedDigest = stateDigest(this.current)
    this.digestDirty = false
    return this.cachedDigest
  }

  /** Bytes of the document's full state, 0 while down. */
  bytes(): number {
    if (this.current === null) return 0
    if (this.bytesDirty) this.cachedBytes = Y.encodeStateAsUpdate(this.current).byteLength
    this.bytesDirty = false
    return this.cachedBytes
  }
}
