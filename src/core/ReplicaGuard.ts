import * as Y from 'yjs'
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

/**
 * Keeps one replica safe from bad updates by trying each incoming update on a shadow copy of
 * the replica first. An empty scratch document (`validateUpdate`) catches updates that are bad
 * on their own; it cannot catch an update that is bad only against content the replica already
 * holds (it just goes pending there), and Yjs may integrate part of such an update into the real
 * document before it throws. The shadow holds the same content, so it takes that damage instead.
 * Contract: every remote update reaches the replica through `check` (or `apply`); local edits
 * reach the shadow by themselves.
 *
 * On the shadow it also checks that every new item sits between its two origins (`misordered`).
 * An update that goes pending is checked when the update that completes it arrives (and that one
 * is then refused): it cannot be judged before its dependencies are known.
 *
 * The shadow follows every change of the replica (its 'update' events), so it costs the
 * replica's memory once more and each update is integrated twice: microseconds per keystroke.
 * After a refused update the shadow is rebuilt from the replica. `destroy()` stops following.
 */
export class ReplicaGuard {
  private shadow: Y.Doc

  constructor(
    readonly doc: Y.Doc,
    readonly maxBytes = MAX_UPDATE_BYTES,
  ) {
    this.shadow = cloneOf(doc)
    doc.on('update', this.follow)
  }

  /**
   * Decides whether `update` may be applied to the replica, without touching it. On success the
   * shadow already holds the update (applying it to the replica next is then a pure repeat).
   */
  check(update: unknown): ValidUpdate | InvalidUpdate {
    this.catchUp()
    const shape = checkShape(update, this.maxBytes)
    if (shape !== null) return { ok: false, error: shape }
    const bytes = update as Uint8Array
    const before = clocksOf(this.shadow)
    let why: string | null = null
    try {
      Y.applyUpdate(this.shadow, bytes, SHADOW)
      const bad = firstMisordered(this.shadow, before)
      if (bad !== null) why = `item ${bad.id.client}:${bad.id.clock} names its origins in the wrong order`
    } catch (e) {
      why = e instanceof Error ? e.message : String(e)
    }
    if (why === null) return { ok: true, bytes: bytes.byteLength }
    this.rebuild()
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

  destroy(): void {
    this.doc.off('update', this.follow)
    this.shadow.destroy()
  }

  /**
   * Local edits reach the shadow here, after the current task's synchronous work (so a keystroke
   * is broadcast first) and before any other message can be checked. Remote updates reached the
   * shadow in `check`, before the replica.
   */
  private follow = (update: Uint8Array): void => {
    // Every change of the replica: local edits, a saved copy loaded from this device, and remote
    // updates (already in the shadow from `check`: applying them again is a cheap repeat).
    this.queued.push(update)
    if (this.queued.length === 1) queueMicrotask(this.catchUp)
  }

  private queued: Uint8Array[] = []

  private catchUp = (): void => {
    const updates = this.queued.splice(0)
    try {
      for (const u of updates) Y.applyUpdate(this.shadow, u, SHADOW)
    } catch {
      this.rebuild()
    }
  }

  private rebuild(): void {
    this.shadow.destroy()
    this.shadow = cloneOf(this.doc)
  }
}
