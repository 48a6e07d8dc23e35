import * as Y from 'yjs'

/** How far right of an item's origin its right origin must be found for the fast path. */
const ORDER_STEPS = 32

type Decoded = ReturnType<typeof Y.decodeUpdate>

/** A parent, compared by identity: a type of the document, or a name for a type that is not there yet. */
type ParentKey = Y.AbstractType<Y.YEvent<any>> | string

/** The struct of `doc` holding `id`, or null when the document has not seen that clock. */
const docStruct = (doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null => {
  const structs = doc.store.clients.get(id.client)
  if (structs === undefined || id.clock >= Y.getState(doc.store, id.client)) return null
  return structs[Y.findIndexSS(structs, id.clock)] as Y.Item | Y.GC
}

/**
 * True when `update` can go straight to the replica: every check that integration could fail
 * (and so leave it half-applied) or get wrong (an item outside its origins) is made here against
 * the replica, before it is touched. Conservative: anything it cannot judge cheaply (a struct
 * that is not a plain item, content from other writers in the same update, a gap or overlap in
 * clocks, pending state, a right origin not found near its origin) answers false, and the caller
 * tries the update on a shadow copy instead. Typing, pasting and note edits from one writer take
 * this path: microseconds, independent of the document's size. So do structs the replica already
 * holds (a duplicate, a replayed update), which Yjs skips: a peer replaying old updates must not
 * keep a second copy of the document (the shadow) alive.
 */
export const fitsWithoutShadow = (doc: Y.Doc, decoded: Decoded): boolean => {
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return false
  /** Clock range each writer's structs cover in this update. */
  const ranges = new Map<number, { from: number; to: number }>()
  const structs = decoded.structs.filter((s) => !known(doc, s))
  const { ds } = decoded
  for (const s of structs) {
    if (!(s instanceof Y.Item)) return false
    if (s.content instanceof Y.ContentDoc) return false
    const r = ranges.get(s.id.client)
    if (r === undefined) {
      if (s.id.clock !== Y.getState(doc.store, s.id.client)) return false
      ranges.set(s.id.client, { from: s.id.clock, to: s.id.clock + s.length })
    } else {
      if (s.id.clock !== r.to) return false
      r.to += s.length
    }
  }
  // Structs that start inside an earlier struct of the same update are found by their first clock.
  const itemAt = (id: Y.ID): Y.Item | null => {
    const r = ranges.get(id.client)
    if (r === undefined || id.clock < r.from || id.clock >= r.to) return null
    for (const s of structs) if (s.id.client === id.client && s.id.clock <= id.clock && id.clock < s.id.clock + s.length) return s as Y.Item
    return null
  }

  /**
   * The parent (and map key) `item` will have, or null when it cannot be told here. An item with
   * an origin carries no parent in the update: Yjs takes its origin's (`Item.getMissing`).
   */
  const placeOf = (item: Y.Item, depth: number): { parent: ParentKey; sub: string | null } | null => {
    if (depth > 2) return null
    const p = item.parent as unknown
    if (typeof p === 'string') return { parent: (doc.share.get(p) as Y.AbstractType<Y.YEvent<any>> | undefined) ?? `root:${p}`, sub: item.parentSub }
    if (p instanceof Y.ID) {
      const inDoc = docStruct(doc, p)
      if (inDoc instanceof Y.Item) return inDoc.content instanceof Y.ContentType ? { parent: inDoc.content.type, sub: item.parentSub } : null
      if (inDoc !== null) return null
      const own = ownEarlier(item, p)
      return own !== null && own.content instanceof Y.ContentType && own.id.clock === p.clock ? { parent: `new:${p.client}:${p.clock}`, sub: item.parentSub } : null
    }
    if (p !== null && p !== undefined) return null
    const ref = item.origin ?? item.rightOrigin
    if (ref === null) return null
    const inDoc = docStruct(doc, ref)
    if (inDoc instanceof Y.Item) return { parent: inDoc.parent as ParentKey, sub: inDoc.parentSub }
    if (inDoc !== null) return null
    const own = ownEarlier(item, ref)
    return own === null ? null : placeOf(own, depth + 1)
  }
  /** The struct of this update, by the same writer and earlier, that holds `id`. */
  const ownEarlier = (item: Y.Item, id: Y.ID): Y.Item | null =>
    id.client === item.id.client && id.clock < item.id.clock ? itemAt(id) : null

  for (const raw of structs) {
    const item = raw as Y.Item
    const place = placeOf(item, 0)
    if (place === null) return false
    const o = item.origin
    const ro = item.rightOrigin
    if (place.sub !== null) {
      // A map entry: its origin is the entry it overwrites, under the same key.
      if (ro !== null) return false
      if (o !== null) {
        const prevInDoc = docStruct(doc, o)
        if (prevInDoc !== null) {
          if (!(prevInDoc instanceof Y.Item) || prevInDoc.parentSub !== place.sub || prevInDoc.parent !== place.parent) return false
        } else {
          const own = ownEarlier(item, o)
          const ownPlace = own === null ? null : placeOf(own, 1)
          if (ownPlace === null || ownPlace.sub !== place.sub || ownPlace.parent !== place.parent) return false
        }
      }
      continue
    }
    const left = o === null ? null : docStruct(doc, o)
    const right = ro === null ? null : docStruct(doc, ro)
    if ((o !== null && left === null) || (ro !== null && right === null)) {
      // Only a run from this writer (origin: its own previous character) is judged here.
      const own = o !== null ? ownEarlier(item, o) : null
      if (own === null || (ro !== null && right === null)) return false
      if (!sameId(own.rightOrigin, ro)) return false
      continue
    }
    if ((left !== null && !(left instanceof Y.Item)) || (right !== null && !(right instanceof Y.Item))) return false
    if (left instanceof Y.Item && (left.parentSub !== null || left.parent !== place.parent)) return false
    if (right instanceof Y.Item && (right.parentSub !== null || right.parent !== place.parent)) return false
    if (left instanceof Y.Item && right instanceof Y.Item && !rightOf(left, o as Y.ID, ro as Y.ID)) return false
  }
  for (const [client, dels] of ds.clients) {
    const known = Math.max(Y.getState(doc.store, client), ranges.get(client)?.to ?? 0)
    for (const d of dels) if (d.clock + d.len > known) return false
  }
  return true
}

/**
 * A plain item the replica already holds whole, whose origins and parent it holds too: Yjs looks
 * them up (and may split an item at them, which changes nothing), then skips the struct.
 */
const known = (doc: Y.Doc, s: Y.Item | Y.GC | Y.Skip): boolean => {
  if (!(s instanceof Y.Item) || s.id.clock + s.length > Y.getState(doc.store, s.id.client)) return false
  const held = (id: Y.ID | null) => id === null || docStruct(doc, id) !== null
  return held(s.origin) && held(s.rightOrigin) && (!(s.parent instanceof Y.ID) || held(s.parent))
}

const sameId = (a: Y.ID | null, b: Y.ID | null): boolean =>
  a === b || (a !== null && b !== null && a.client === b.client && a.clock === b.clock)

/** True when `id` lies right of `origin` (held by `left`), within ORDER_STEPS items. */
const rightOf = (left: Y.Item, origin: Y.ID, id: Y.ID): boolean => {
  let n = 0
  for (let it: Y.Item | null = left.right; it !== null && n < ORDER_STEPS; it = it.right, n++) {
    if (it.id.client === id.client && it.id.clock <= id.clock && id.clock < it.id.clock + it.length) return true
  }
  // The origin's own item may hold the right origin too (Yjs splits it), further right in it.
  return left.id.client === id.client && origin.clock < id.clock && id.clock < left.id.clock + left.length
}
