import * as Y from 'yjs'
import { fitsWithoutShadow } from './fitsWithoutShadow'
import { checkShape, type InvalidUpdate, MAX_UPDATE_BYTES, UpdateRejectedError, type ValidUpdate } from './validate'

/** Transaction origin of the guard's own writes to its shadow. */
const SHADOW = Symbol('replica-guard-shadow')

/** How far from a new item the order check looks for its origins. */
const ORDER_CHECK_STEPS = 32

const holds = (item: Y.Item, id: Y.ID): boolean =>
  item.id.client === id.client && item.id.clock <= id.clock && id.clock < item.id.clock + item.length

/**
 * An item must sit right of its origin and left of its right origin. A corrupted update can name
 * them the other way round; Yjs then integrates it without error, but where it lands depends on
 * the order updates arrive in, so replicas with equal digests can show different content. Looks
 * a bounded distance each way: cheap per keystroke, and what it finds is certainly wrong.
 */
const misordered = (item: Y.Item): boolean => {
  const { origin, rightOrigin } = item
  if (rightOrigin !== null) {
    let n = 0
    for (let it = item.left; it !== null && n < ORDER_CHECK_STEPS; it = it.left, n++) if (holds(it, rightOrigin)) return true
  }
  if (origin !== null) {
    let n = 0
    for (let it = item.right; it !== null && n < ORDER_CHECK_STEPS; it = it.right, n++) if (holds(it, origin)) return true
  }
  return false
}

/** Items integrated into `doc` since `before` (a clock per client) that break the order rule, if any. */
const firstMisordered = (doc: Y.Doc, before: Map<number, number>): Y.Item | null => {
  for (const [client, structs] of doc.store.clients) {
    const from = before.get(client) ?? 0
    if (Y.getState(doc.store, client) <= from) continue
    for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
      const s = structs[i]
      if (s instanceof Y.Item && s.parentSub === null && misordered(s)) return s
    }
  }
  return null
}

const clocksOf = (doc: Y.Doc): Map<number, number> => {
  const out = new Map<number, number>()
  for (const client of doc.store.clients.keys()) out.set(client, Y.getState(doc.store, client))
  return out
}

const cloneOf = (doc: Y.Doc): Y.Doc => {
  const copy = new Y.Doc({ gc: doc.gc })
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc), SHADOW)
  return copy
}

/** Updates the shadow may fall behind by before it is dropped (and rebuilt when next needed). */
const MAX_BEHIND_UPDATES = 2000
/** `idle()` calls without a use of the shadow before it is dropped (30 s when called every second). */
export const SHADOW_IDLE_CALLS = 30
const MAX_BEHIND_BYTES = 4 * 1024 * 1024

/** How many updates took each path (for the bench and the curious). */
export interface GuardStats {
  /** Judged against the replica itself (`fitsWithoutShadow`): no second integration. */
  direct: number
  /** Tried on the shadow copy first. */
  shadow: number
  /** Times the shadow was built from the replica. */
  rebuilds: number
}

/**
 * Keeps one replica safe from bad updates. Every update is decoded first (the size cap and a full
 * decode catch most damage). Then, when `fitsWithoutShadow` can judge it against the replica
 * (every struct a plain item whose origins, parent and clocks it finds, nothing pending), it may
 * go straight in: integration cannot fail halfway for it. Any other update (a sync step 2 with
 * several writers, anything with a gap, an odd struct) is tried on a shadow copy of the replica
 * first: an empty scratch document cannot catch an update that is bad only against content the
 * replica holds, and Yjs may integrate part of such an update before it throws; the shadow takes
 * that damage instead. On the shadow it also checks that every new item sits between its two
 * origins (`misordered`). An update that goes pending there is checked when the update that
 * completes it arrives (and that one is then refused).
 *
 * The shadow is lazy: it is built from the replica when first needed, then follows the replica's
 * updates only as a queue that it applies when next needed; when it falls too far behind it is
 * dropped (memory back) and rebuilt on demand, and so it is after half a minute unused (`idle`).
 * Contract: every remote update reaches the replica through `check` (or `apply`). `destroy()` stops following.
 */
export class ReplicaGuard {
  private shadow: Y.Doc | null = null
  private queued: Uint8Array[] = []
  private queuedBytes = 0
  /** `idle()` calls since the shadow was last used. */
  private idleCalls = 0
  readonly stats: GuardStats = { direct: 0, shadow: 0, rebuilds: 0 }

  constructor(
    readonly doc: Y.Doc,
    readonly maxBytes = MAX_UPDATE_BYTES,
    /** False forces every update through the shadow (the bench compares both). */
    readonly direct = true,
    /** A further check of the decoded update (the live room's hostile-peer screen); a reason refuses it. */
    private readonly screen?: (decoded: ReturnType<typeof Y.decodeUpdate>) => string | null,
  ) {
    doc.on('update', this.follow)
  }

  /**
   * Decides whether `update` may be applied to the replica, without touching it. On success
   * through the shadow, the shadow already holds the update.
   */
  check(update: unknown): ValidUpdate | InvalidUpdate {
    const shape = checkShape(update, this.maxBytes)
    if (shape !== null) return { ok: false, error: shape }
    const bytes = update as Uint8Array
    let decoded: ReturnType<typeof Y.decodeUpdate>
    try {
      decoded = Y.decodeUpdate(bytes)
    } catch (e) {
      return { ok: false, error: new UpdateRejectedError('malformed', bytes.byteLength, `the update does not decode: ${e instanceof Error ? e.message : String(e)}`) }
    }
    const screened = this.screen?.(decoded) ?? null
    if (screened !== null) return { ok: false, error: new UpdateRejectedError('malformed', bytes.byteLength, screened) }
    if (this.direct && fitsWithoutShadow(this.doc, decoded)) {
      this.stats.direct++
      return { ok: true, bytes: bytes.byteLength }
    }
    this.stats.shadow++
    this.idleCalls = 0
    const shadow = this.shadowNow()
    const before = clocksOf(shadow)
    let why: string | null = null
    try {
      Y.applyUpdate(shadow, bytes, SHADOW)
      const bad = firstMisordered(shadow, before)
      if (bad !== null) why = `item ${bad.id.client}:${bad.id.clock} names its origins in the wrong order`
    } catch (e) {
      why = e instanceof Error ? e.message : String(e)
    }
    if (why === null) return { ok: true, bytes: bytes.byteLength }
    this.dropShadow()
    return {
      ok: false,
      error: new UpdateRejectedError('malformed', bytes.byteLength, `the update does not fit this replica's state: ${why}`),
    }
  }

  /** `check`, then apply to the replica with `origin`. Returns the rejection (replica untouched) or null. */
  apply(update: Uint8Array, origin: unknown): UpdateRejectedError | null {
    const check = this.check(update)
    if (!check.ok) return check.error
    Y.applyUpdate(this.doc, update, origin)
    return null
  }

  /**
   * Called now and then (every second by the live room): a shadow unused for SHADOW_IDLE_CALLS
   * calls is dropped, so a quiet room does not keep a second copy of its document for ever.
   */
  idle(): void {
    if (this.shadow !== null && ++this.idleCalls >= SHADOW_IDLE_CALLS) this.dropShadow()
  }

  /** Whether a shadow copy is held now (for tests and the bench). */
  get hasShadow(): boolean {
    return this.shadow !== null
  }

  destroy(): void {
    this.doc.off('update', this.follow)
    this.dropShadow()
  }

  /** Every change of the replica, queued for the shadow (if there is one). */
  private follow = (update: Uint8Array): void => {
    if (this.shadow === null) return
    this.queued.push(update)
    this.queuedBytes += update.byteLength
    if (this.queued.length > MAX_BEHIND_UPDATES || this.queuedBytes > MAX_BEHIND_BYTES) this.dropShadow()
  }

  /** The shadow, caught up with the replica: built now if there is none. */
  private shadowNow(): Y.Doc {
    if (this.shadow !== null) {
      const updates = this.queued.splice(0)
      this.queuedBytes = 0
      try {
        for (const u of updates) Y.applyUpdate(this.shadow, u, SHADOW)
        return this.shadow
      } catch {
        this.dropShadow()
      }
    }
    this.stats.rebuilds++
    this.shadow = cloneOf(this.doc)
    return this.shadow
  }

  private dropShadow(): void {
    this.shadow?.destroy()
    this.shadow = null
    this.queued = []
    this.queuedBytes = 0
  }
}
