import * as Y from 'yjs'
import { notesMap, sharedText } from '../schema'

/** A remote transaction that removes at least this share of what the document showed is flagged… */
export const MASS_DELETE_SHARE = 0.5
/** …when it removes at least this many characters and notes (a one-word text cleared is not an attack). */
export const MASS_DELETE_MIN = 20

/** What a document shows, in units a deletion can remove: text characters plus notes. */
export const visibleSize = (doc: Y.Doc): number => sharedText(doc).length + notesMap(doc).size

/**
 * How many visible units (text characters, notes) `tr` removed. Counts only what existed before
 * the transaction; a map value replaced by another (a note moved, a count changed) is not a removal.
 * Linear in the transaction's delete set, not in the document.
 */
export const removedBy = (tr: Y.Transaction): number => {
  const text = sharedText(tr.doc)
  const notes = notesMap(tr.doc)
  let removed = 0
  Y.iterateDeletedStructs(tr, tr.deleteSet, (s) => {
    if (!(s instanceof Y.Item) || s.id.clock >= (tr.beforeState.get(s.id.client) ?? 0)) return
    if (s.parent === text && s.parentSub === null && s.content.isCountable()) removed += s.length
    else if (s.parent === notes && s.parentSub !== null && notes._map.get(s.parentSub) === s) removed += 1
  })
  return removed
}

/** True when removing `removed` of `before` visible units is a mass deletion. */
export const isMassDelete = (removed: number, before: number): boolean =>
  removed >= MASS_DELETE_MIN && before > 0 && removed / before >= MASS_DELETE_SHARE
