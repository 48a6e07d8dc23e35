import * as Y from 'yjs'

/**
 * Calls `f` for every item a transaction added, in each writer's clock order, with the part of
 * the item that is new (`from`..`to`, offsets inside it: an item may have been merged with older
 * content since). Read it in the transaction's observers, before Yjs merges items further.
 */
export const forEachNewItem = (tr: Y.Transaction, f: (item: Y.Item, from: number, to: number) => void): void => {
  const store = tr.doc.store
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0
    if (after <= before) continue
    const structs = store.clients.get(client)
    if (structs === undefined) continue
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const s = structs[i]
      if (s.id.clock >= after) break
      if (!(s instanceof Y.Item)) continue
      f(s, Math.max(before, s.id.clock) - s.id.clock, Math.min(after, s.id.clock + s.length) - s.id.clock)
    }
  }
}

/** ["notes", "k3-0", "x"]: the root's name, then the map keys down to the item. */
export const itemPath = (item: Y.Item): string[] => {
  const parts: string[] = []
  if (item.parentSub !== null) parts.push(item.parentSub)
  let type = item.parent as Y.AbstractType<unknown> | null
  while (type !== null && type._item !== null) {
    if (type._item.parentSub !== null) parts.push(type._item.parentSub)
    type = type._item.parent as Y.AbstractType<unknown>
  }
  if (type !== null) parts.push(Y.findRootTypeKey(type))
  return parts.reverse()
}
