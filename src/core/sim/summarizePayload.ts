import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import type { MessageKind } from './SimMessage'

const MAX_TEXT = 16
const MAX_PARTS = 3

const quote = (s: string): string => {
  const flat = s.replace(/\n/g, '⏎')
  return JSON.stringify(flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT)}…` : flat)
}

const deletedCount = (ds: ReturnType<typeof Y.decodeUpdate>['ds']): number => {
  let n = 0
  for (const [, items] of ds.clients) for (const d of items) n += d.len
  return n
}

/**
 * A short, readable account of a Yjs update from its bytes alone, e.g. `+"ab" text`,
 * `notes.k3-0 = {…}`, `x = 120`, `−3 deleted`. Best effort: Yjs omits an item's parent and key
 * when the item has a left or right neighbour, so such map writes show as `= value`. Costs a
 * decode of the update: the simulation calls it lazily, only for messages someone looks at.
 */
export const summarizeUpdate = (update: Uint8Array): string => {
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = Y.decodeUpdate(update)
  } catch {
    return `malformed (${update.byteLength} B)`
  }
  let text = ''
  const parts: string[] = []
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) continue
    const c = s.content
    const parent = typeof s.parent === 'string' ? s.parent : null
    const where = [parent, s.parentSub].filter((x) => x !== null).join('.')
    if (c instanceof Y.ContentString) text += c.str
    else if (c instanceof Y.ContentAny) parts.push(`${where} = ${c.arr.map((v) => JSON.stringify(v)).join(',')}`.trim())
    else if (c instanceof Y.ContentType) parts.push(`${where} = {…}`.trim())
    else if (c instanceof Y.ContentDeleted) parts.push(`+${c.len} (deleted since)`)
  }
  if (text !== '') parts.unshift(`+${quote(text)} text`)
  const deleted = deletedCount(decoded.ds)
  if (deleted > 0) parts.push(`−${deleted} deleted`)
  if (parts.length === 0) return 'empty update'
  return parts.length > MAX_PARTS ? `${parts.slice(0, MAX_PARTS).join(' · ')} · …` : parts.join(' · ')
}

/** Sync step 1: the sender's state vector, e.g. `sv 3 writers, 120 ops`. */
const summarizeStep1 = (data: Uint8Array): string => {
  try {
    const d = decoding.createDecoder(data)
    decoding.readVarUint(d)
    const sv = Y.decodeStateVector(decoding.readVarUint8Array(d))
    let ops = 0
    for (const clock of sv.values()) ops += clock
    return `sv ${sv.size} writer${sv.size === 1 ? '' : 's'}, ${ops} ops`
  } catch {
    return `malformed (${data.byteLength} B)`
  }
}

/** Sync step 2: what the diff inserts and deletes, e.g. `diff 12 ops · −3 deleted`. */
const summarizeStep2 = (data: Uint8Array): string => {
  try {
    const d = decoding.createDecoder(data)
    decoding.readVarUint(d)
    const decoded = Y.decodeUpdate(decoding.readVarUint8Array(d))
    let ops = 0
    for (const s of decoded.structs) if (s instanceof Y.Item) ops += s.length
    const deleted = deletedCount(decoded.ds)
    return `diff ${ops} op${ops === 1 ? '' : 's'}${deleted > 0 ? ` · −${deleted} deleted` : ''}`
  } catch {
    return `malformed (${data.byteLength} B)`
  }
}

export const summarizePayload = (kind: MessageKind, data: Uint8Array): string =>
  kind === 'update' ? summarizeUpdate(data) : kind === 'sync-step1' ? summarizeStep1(data) : summarizeStep2(data)
