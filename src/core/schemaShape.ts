import * as Y from 'yjs'

/** The shared types of schema version 1 (README "Document schema"). */
const KNOWN = new Set(['text', 'notes', 'counter'])

/** Contents a Y.Text may hold. */
const isTextContent = (c: unknown): boolean =>
  c instanceof Y.ContentString || c instanceof Y.ContentFormat || c instanceof Y.ContentEmbed || c instanceof Y.ContentDeleted

/** The newest live value of every key of a map-like type, with its item. */
function* liveEntries(type: Y.AbstractType<Y.YEvent<any>>): Generator<[string, Y.Item]> {
  for (const [key, item] of type._map) if (!item.deleted) yield [key, item]
}

/**
 * Why a document does not follow the playground's schema (version 1), or null when it does:
 * only `text` (a Y.Text), `notes` (note id → Y.Map) and `counter` (client id → number) at the top.
 * Used on a saved copy before it is merged into a replica: a database holding something else
 * (another app's document under the same name, another schema) is set aside, not merged.
 * Walks every item once: linear in the document, run once per load.
 */
export const schemaProblem = (doc: Y.Doc): string | null => {
  for (const [name, type] of doc.share) {
    if (!KNOWN.has(name)) return `it holds a shared type "${name.slice(0, 40)}" that this playground does not know`
    if (name === 'text') {
      if (type._map.size > 0) return 'its text holds keyed entries (it is not a plain Y.Text)'
      for (let it = type._start; it !== null; it = it.right) {
        if (!isTextContent(it.content)) return 'its text holds something other than characters'
      }
      continue
    }
    if (type._start !== null) return `its "${name}" is a list, not a map`
    for (const [key, item] of liveEntries(type)) {
      const c = item.content
      if (name === 'notes') {
        if (!(c instanceof Y.ContentType) || !(c.type instanceof Y.Map)) return `note "${key.slice(0, 40)}" is not a map`
      } else if (!(c instanceof Y.ContentAny) || c.arr.some((v) => typeof v !== 'number')) {
        return `counter entry "${key.slice(0, 40)}" is not a number`
      }
    }
  }
  return null
}
