import * as Y from 'yjs'

interface Range {
  clock: number
  len: number
}

/** `ranges` minus `removed` (both sorted by clock, as Yjs keeps delete sets after a transaction). */
const subtract = (ranges: readonly Range[], removed: readonly Range[]): Range[] => {
  const out: Range[] = []
  let j = 0
  for (const r of ranges) {
    let start = r.clock
    const end = r.clock + r.len
    while (j < removed.length && removed[j].clock + removed[j].len <= start) j++
    for (let k = j; k < removed.length && removed[k].clock < end; k++) {
      if (removed[k].clock > start) out.push({ clock: start, len: removed[k].clock - start })
      start = Math.max(start, removed[k].clock + removed[k].len)
    }
    if (start < end) out.push({ clock: start, len: end - start })
  }
  return out
}

/**
 * The snapshot of `tr.doc` as it was just before `tr` (call from 'afterTransaction'): its state
 * vector before, and every deletion except the ones `tr` made. Costs one snapshot of the
 * document, and only when asked (for a flagged transaction), not before every transaction.
 * Restoring it needs the deleted content (`gc: false`).
 */
export const snapshotBefore = (tr: Y.Transaction): Y.Snapshot => {
  const after = Y.snapshot(tr.doc)
  const ds = Y.createDeleteSet()
  for (const [client, ranges] of after.ds.clients as Map<number, Range[]>) {
    const removed = (tr.deleteSet.clients as Map<number, Range[]>).get(client)
    const left = removed === undefined ? ranges : subtract(ranges, [...removed].sort((a, b) => a.clock - b.clock))
    // Yjs reads delete items as { clock, len } (its DeleteItem class is not exported).
    if (left.length > 0) (ds.clients as Map<number, Range[]>).set(client, left)
  }
  return Y.createSnapshot(ds, new Map(tr.beforeState))
}
