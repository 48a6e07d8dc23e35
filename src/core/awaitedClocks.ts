import * as Y from 'yjs'

type Decoded = ReturnType<typeof Y.decodeUpdate>

/**
 * What an update waits for, when it is an update that arrived before one it builds on: each
 * writer's structs start exactly at the replica's clock for that writer, but some item names an
 * origin, right origin or parent the replica has not seen yet (another writer's character still
 * on its way: in a busy room updates from different senders overtake each other). Returns, per
 * writer, the clock the replica must reach (exclusive) for the update to fit; null when the update
 * waits for nothing, or is not that kind of update (a gap in its own clocks, a struct that is not
 * an item: those are judged as they are). Yjs would hold such an update as pending structs.
 */
export const awaitedClocks = (doc: Y.Doc, decoded: Decoded): Map<number, number> | null => {
  const next = new Map<number, number>()
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) return null
    const expected = next.get(s.id.client) ?? Y.getState(doc.store, s.id.client)
    if (s.id.clock !== expected) return null
    next.set(s.id.client, s.id.clock + s.length)
  }
  let awaited: Map<number, number> | null = null
  const need = (id: Y.ID | null) => {
    if (id === null) return
    // Within this update's own structs: found there.
    const own = next.get(id.client)
    if (own !== undefined && id.clock < own) return
    if (id.clock < Y.getState(doc.store, id.client)) return
    awaited ??= new Map()
    awaited.set(id.client, Math.max(awaited.get(id.client) ?? 0, id.clock + 1))
  }
  for (const s of decoded.structs as Y.Item[]) {
    need(s.origin)
    need(s.rightOrigin)
    if (s.parent instanceof Y.ID) need(s.parent)
  }
  return awaited
}

/** Whether the replica now holds everything `awaited` names. */
export const hasClocks = (doc: Y.Doc, awaited: ReadonlyMap<number, number>): boolean => {
  for (const [client, clock] of awaited) if (Y.getState(doc.store, client) < clock) return false
  return true
}
