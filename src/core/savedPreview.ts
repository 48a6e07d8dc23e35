import type * as Y from 'yjs'
import { counterEntries, listNotes, type NoteView, noteColor, sharedText } from './schema'

/** The key under which a room's preview is kept in its saved database's `custom` store. */
export const PREVIEW_KEY = 'aprime-preview'

/**
 * What a saved room showed, as plain data, so that a reload can paint it before the replica's
 * document is rebuilt from the saved updates (which takes a fresh page 100–200 ms for a large
 * room). It is only a cache: `upTo` is the key of the newest saved row it covers, and it is shown
 * only while that is still the newest row (nothing was saved since); the document built from the
 * rows replaces it either way.
 */
export interface SavedPreview {
  upTo: number
  text: string
  notes: NoteView[]
  counter: { value: number; entries: Array<[string, number]> }
}

/** The preview of `doc` as it is now, covering the saved rows up to the key `upTo`. */
export const previewOf = (doc: Y.Doc, upTo: number): SavedPreview => {
  const entries = counterEntries(doc)
  return { upTo, text: sharedText(doc).toString(), notes: listNotes(doc), counter: { value: entries.reduce((n, [, v]) => n + v, 0), entries } }
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

const isNote = (v: unknown): v is NoteView => {
  if (typeof v !== 'object' || v === null) return false
  const n = v as Record<string, unknown>
  return typeof n.id === 'string' && typeof n.text === 'string' && isFiniteNumber(n.x) && isFiniteNumber(n.y) && typeof n.color === 'string'
}

const isEntry = (v: unknown): v is [string, number] => Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && isFiniteNumber(v[1])

/**
 * The preview stored under `PREVIEW_KEY`, when it has the expected shape and still covers every
 * saved row (`lastKey`, the newest row's key); null otherwise (none, stale, or not ours). A wrong
 * preview is never an error: the room is then shown once its document is built, as without one.
 */
export const readPreview = (value: unknown, lastKey: number | null): SavedPreview | null => {
  if (lastKey === null || typeof value !== 'object' || value === null) return null
  const p = value as Record<string, unknown>
  if (p.upTo !== lastKey || typeof p.text !== 'string' || !Array.isArray(p.notes) || !p.notes.every(isNote)) return null
  const c = p.counter as Record<string, unknown> | null
  if (typeof c !== 'object' || c === null || !isFiniteNumber(c.value) || !Array.isArray(c.entries) || !c.entries.every(isEntry)) return null
  // A forged preview may hold any string as a colour: only colours the schema allows reach CSS.
  const notes = p.notes.map((n) => ({ ...n, color: noteColor(n.color) }))
  return { upTo: lastKey, text: p.text, notes, counter: { value: c.value, entries: c.entries } }
}
