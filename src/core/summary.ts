import * as Y from 'yjs'
import { forEachNewItem, itemPath } from './newItems'

const MAX_TEXT = 24
const MAX_PARTS = 4

const quote = (s: string): string =>
  JSON.stringify(s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT).replace(/\n/g, '⏎')}…` : s.replace(/\n/g, '⏎'))

const short = (s: string): string => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s)

/** "text", "notes", "notes.k3-0.x", "counter.123": where an item sits in the document. */
const pathOf = (item: Y.Item): string => itemPath(item).join('.')

const describeContent = (content: Y.AbstractStruct | unknown): string => {
  if (content instanceof Y.ContentAny) return content.arr.map((v) => (typeof v === 'string' ? quote(v) : short(JSON.stringify(v) ?? 'undefined'))).join(',')
  if (content instanceof Y.ContentType) return content.type instanceof Y.Map ? '{…}' : content.type.constructor.name
  if (content instanceof Y.ContentString) return quote(content.str)
  if (content instanceof Y.ContentDeleted) return '(deleted)'
  return '…'
}

/**
 * A one-line, readable account of what a transaction inserted and deleted, e.g.
 * `text +"hello" · notes.k3-0.x = 120 · −3 deleted`. Reads only the ops the transaction added
 * (from its before/after state vectors), so it costs the size of the change, not of the document.
 * Call it from 'beforeObserverCalls' or 'afterTransaction' (items may have been merged by then;
 * the slice arithmetic below accounts for that).
 */
export const describeTransaction = (tr: Y.Transaction): string => {
  const parts: string[] = []
  let hidden = 0
  const push = (s: string) => {
    if (parts.length < MAX_PARTS) parts.push(s)
    else hidden++
  }

  const textRuns = new Map<string, string>()
  forEachNewItem(tr, (s, from, to) => {
    const where = pathOf(s)
    if (s.content instanceof Y.ContentString) {
      textRuns.set(where, (textRuns.get(where) ?? '') + s.content.str.slice(from, to))
    } else if (s.parentSub !== null) {
      push(`${where} = ${describeContent(s.content)}`)
    } else if (s.content instanceof Y.ContentDeleted) {
      push(`${where} +${to - from} (deleted since)`)
    } else {
      push(`${where} +${describeContent(s.content)}`)
    }
  })
  const texts = [...textRuns].map(([where, text]) => `${where} +${quote(text)}`)
  const shown = [...texts, ...parts].slice(0, MAX_PARTS)
  hidden += texts.length + parts.length - shown.length
  let deleted = 0
  for (const [, items] of tr.deleteSet.clients) for (const d of items) deleted += d.len
  // Deletions and the count of what was left out are always said, whatever was cut.
  if (deleted > 0) shown.push(`−${deleted} deleted`)
  if (hidden > 0) shown.push(`+${hidden} more`)
  return shown.length > 0 ? shown.join(' · ') : 'no change'
}
