import * as Y from 'yjs'
import { forEachNewItem, itemPath } from './newItems'

/** How to call a replica in a sentence ("Ana", "Blue 37"), from its clientID. */
export type NameOf = (clientID: number) => string

const MAX_TEXT = 24
const MAX_PARTS = 4

const quote = (s: string): string => `“${(s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s).replace(/\n/g, '⏎')}”`
const plural = (n: number, one: string, many = `${one}s`): string => (n === 1 ? `a ${one}` : `${n} ${many}`)

const pathOf = itemPath

const itemValue = (content: Y.AbstractStruct | unknown): unknown => (content instanceof Y.ContentAny ? content.arr[0] : undefined)

const show = (v: unknown): string => (typeof v === 'string' ? quote(v) : (JSON.stringify(v) ?? '…').slice(0, MAX_TEXT))

/**
 * What a transaction changed, in words a class can read: `typed “hello” in the text`,
 * `Ana's count: 2 → 3`, `moved a note`, `deleted 3 characters of the text`. A map value that was
 * replaced is one change, not an insert plus a deletion. Reads only the items the transaction
 * added (from its before/after state vectors) and those it deleted, so it costs the size of the
 * change, not of the document. Call it from 'afterTransaction' (deleted contents still readable).
 */
export const describeChange = (tr: Y.Transaction, nameOf: NameOf): string => {
  const typed = new Map<string, string>()
  const erased = new Map<string, number>()
  const added = new Map<string, string>()
  const moved = new Set<string>()
  const edited = new Map<string, string>()
  const recoloured = new Set<string>()
  const removed = new Set<string>()
  const counts = new Map<string, { from?: unknown; to?: unknown }>()
  const other: string[] = []
  const setKeys = new Set<string>()

  forEachNewItem(tr, (s, from, to) => {
    const path = pathOf(s)
    const [root, id, field] = path
    if (s.content instanceof Y.ContentString) {
      typed.set(root, (typed.get(root) ?? '') + s.content.str.slice(from, to))
      return
    }
    if (s.parentSub === null) {
      if (!(s.content instanceof Y.ContentDeleted)) other.push(`added to ${path.join('.')}`)
      return
    }
    setKeys.add(path.join('.'))
    if (root === 'counter' && path.length === 2) counts.set(id, { ...counts.get(id), to: itemValue(s.content) })
    else if (root === 'notes' && path.length === 2) added.set(id, '')
    else if (root === 'notes' && path.length === 3) {
      if (field === 'x' || field === 'y') moved.add(id)
      else if (field === 'text') edited.set(id, String(itemValue(s.content) ?? ''))
      else if (field === 'color') recoloured.add(id)
      else other.push(`set ${field} of a note`)
    } else other.push(`set ${path.join('.')} to ${show(itemValue(s.content))}`)
  })

  Y.iterateDeletedStructs(tr, tr.deleteSet, (s) => {
    if (!(s instanceof Y.Item) || s.content instanceof Y.ContentDeleted) return
    const path = pathOf(s)
    const [root, id] = path
    if (s.content instanceof Y.ContentString) {
      erased.set(root, (erased.get(root) ?? 0) + s.length)
      return
    }
    if (s.parentSub === null) return
    const key = path.join('.')
    if (setKeys.has(key)) {
      // Replaced, not removed: the old value is where "from" comes from.
      if (root === 'counter' && path.length === 2) counts.set(id, { ...counts.get(id), from: itemValue(s.content) })
      return
    }
    if (root === 'notes' && path.length === 2) removed.add(id)
    else if (root === 'notes' && path.length === 3) {
      // A field of a deleted note goes with it.
    } else other.push(`removed ${key}`)
  })

  const parts: string[] = []
  for (const [root, s] of typed) parts.push(`typed ${quote(s)} in the ${root}`)
  for (const [root, n] of erased) parts.push(`deleted ${n === 1 ? 'a character' : `${n} characters`} of the ${root}`)
  for (const id of added.keys()) {
    const text = edited.get(id)
    parts.push(text ? `added a note ${quote(text)}` : 'added a note')
    edited.delete(id)
    moved.delete(id)
    recoloured.delete(id)
  }
  for (const [, text] of edited) parts.push(text === '' ? 'cleared a note' : `wrote ${quote(text)} on a note`)
  if (moved.size > 0) parts.push(`moved ${plural(moved.size, 'note')}`)
  if (recoloured.size > 0) parts.push(`recoloured ${plural(recoloured.size, 'note')}`)
  if (removed.size > 0) parts.push(`deleted ${plural(removed.size, 'note')}`)
  for (const [key, { from, to }] of counts) {
    const who = /^\d+$/.test(key) ? nameOf(Number(key)) : key
    const delta = typeof from === 'number' && typeof to === 'number' ? to - from : null
    parts.push(
      delta === null
        ? `${who}'s count is now ${show(to)}`
        : `counter ${delta >= 0 ? '+' : '−'}${Math.abs(delta)} (${who}'s count ${from} → ${to})`,
    )
  }
  parts.push(...other)
  if (parts.length === 0) return 'no change'
  const shown = parts.slice(0, MAX_PARTS)
  if (parts.length > MAX_PARTS) shown.push(`and ${parts.length - MAX_PARTS} more`)
  return shown.join('; ')
}
