import * as Y from 'yjs'

/** A node of the document's state tree, as plain data for the inspector. */
export interface TreeNode {
  key: string
  kind: 'text' | 'map' | 'array' | 'value' | 'xml' | 'unknown'
  /** For text and values: the value (text shortened to `maxText` characters). */
  value?: string
  /** For text and arrays: their length. */
  size?: number
  children?: TreeNode[]
}

const MAX_CHILDREN = 200

const node = (key: string, v: unknown, maxText: number): TreeNode => {
  if (v instanceof Y.Text) {
    const s = v.toString()
    return { key, kind: 'text', size: v.length, value: s.length > maxText ? `${s.slice(0, maxText)}…` : s }
  }
  if (v instanceof Y.Map) {
    const keys = [...v.keys()].sort()
    return {
      key,
      kind: 'map',
      size: keys.length,
      children: keys.slice(0, MAX_CHILDREN).map((k) => node(k, v.get(k), maxText)),
    }
  }
  if (v instanceof Y.Array) {
    const arr = v.toArray()
    return { key, kind: 'array', size: arr.length, children: arr.slice(0, MAX_CHILDREN).map((x, i) => node(String(i), x, maxText)) }
  }
  if (v instanceof Y.AbstractType) return { key, kind: 'xml' }
  return { key, kind: 'value', value: JSON.stringify(v) }
}

/**
 * A root type that no code here has read yet (another client defined it). Reading it through
 * `doc.getMap`/`getText` would fix its type for good, so its items are read directly instead:
 * keyed entries as a map, a sequence of strings as text, any other sequence as an array.
 */
const unreadRoot = (key: string, type: Y.AbstractType<unknown>, maxText: number): TreeNode | null => {
  const keys = [...type._map].filter(([, item]) => !item.deleted).sort(([a], [b]) => (a < b ? -1 : 1))
  if (keys.length > 0) {
    return {
      key,
      kind: 'map',
      size: keys.length,
      children: keys.slice(0, MAX_CHILDREN).map(([k, item]) => node(k, item.content.getContent().at(-1), maxText)),
    }
  }
  const values: unknown[] = []
  let text = ''
  let onlyText = true
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue
    if (item.content instanceof Y.ContentString) text += item.content.str
    else onlyText = false
    values.push(...item.content.getContent())
  }
  if (values.length === 0 && text === '') return null
  if (onlyText) return { key, kind: 'text', size: text.length, value: text.length > maxText ? `${text.slice(0, maxText)}…` : text }
  return { key, kind: 'array', size: values.length, children: values.slice(0, MAX_CHILDREN).map((v, i) => node(String(i), v, maxText)) }
}

/**
 * The document as a tree: one root per shared type that holds content. Reading never changes
 * the document (root types defined by another client keep their type undecided).
 * Costs a walk of the document: compute it at most once per frame, only when something changed.
 */
export const stateTree = (doc: Y.Doc, maxText = 400): TreeNode[] => {
  const roots: TreeNode[] = []
  for (const name of [...doc.share.keys()].sort()) {
    const type = doc.share.get(name)!
    if (type instanceof Y.Text || type instanceof Y.Map || type instanceof Y.Array) {
      roots.push(node(name, type, maxText))
    } else {
      const n = unreadRoot(name, type as Y.AbstractType<unknown>, maxText)
      if (n !== null) roots.push(n)
    }
  }
  return roots
}

/** Per writer: ops it wrote, and how many of those are deleted now (a view into the struct store). */
export const writerStats = (doc: Y.Doc): Array<{ client: number; ops: number; deleted: number }> => {
  const out: Array<{ client: number; ops: number; deleted: number }> = []
  for (const [client, structs] of doc.store.clients) {
    let ops = 0
    let deleted = 0
    for (const s of structs) {
      ops += s.length
      if (s.deleted) deleted += s.length
    }
    out.push({ client, ops, deleted })
  }
  return out.sort((a, b) => a.client - b.client)
}
