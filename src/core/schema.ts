import * as Y from 'yjs'
import { freeNoteSpot } from './noteSpot'

/**
 * The document schema shared by every replica and by any plain Yjs client in the same room:
 * - `text`: Y.Text, the shared text;
 * - `notes`: Y.Map id → Y.Map { text: string, x: number, y: number, color: string };
 * - `counter`: Y.Map clientID (as a string) → that replica's own count; the value is the sum.
 */
export const SCHEMA_VERSION = 1

export const NOTE_COLORS = ['#fde68a', '#bbf7d0', '#bfdbfe', '#fbcfe8', '#ddd6fe', '#fed7aa'] as const

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i

/**
 * A note's colour as the page may use it in CSS: a hex colour (`#rgb`, `#rrggbb`, which every
 * colour of ours is); anything else a peer or a saved copy holds (`url(javascript:1)`, a
 * gradient, garbage) shows as the first note colour.
 */
export const noteColor = (raw: unknown): string => (typeof raw === 'string' && HEX_COLOR.test(raw) ? raw : NOTE_COLORS[0])

export interface NoteView {
  id: string
  text: string
  x: number
  y: number
  color: string
}

export const sharedText = (doc: Y.Doc): Y.Text => doc.getText('text')
export const notesMap = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap('notes')
export const counterMap = (doc: Y.Doc): Y.Map<number> => doc.getMap('counter')

const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback)

/** A note as plain data; fields written by a foreign client with the wrong type fall back to defaults. */
export const readNote = (id: string, note: Y.Map<unknown>): NoteView => ({
  id,
  text: typeof note.get('text') === 'string' ? (note.get('text') as string) : '',
  x: num(note.get('x'), 0),
  y: num(note.get('y'), 0),
  color: noteColor(note.get('color')),
})

/** All notes, ordered by id so every replica lists them alike. Skips entries that are not maps. */
export const listNotes = (doc: Y.Doc): NoteView[] => {
  const out: NoteView[] = []
  notesMap(doc).forEach((note, id) => {
    if (note instanceof Y.Map) out.push(readNote(id, note))
  })
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/**
 * Adds a note with a fresh id made from the writer's clientID and clock, so two replicas never pick
 * the same id. It goes where `init` says unless a note is already there: then to the nearest free
 * place (freeNoteSpot), so new notes do not land on each other.
 */
export const addNote = (doc: Y.Doc, init: Partial<Omit<NoteView, 'id'>> = {}): string => {
  const id = `${doc.clientID.toString(36)}-${Y.getState(doc.store, doc.clientID).toString(36)}`
  const at = freeNoteSpot(listNotes(doc), { x: init.x ?? 0, y: init.y ?? 0 })
  doc.transact(() => {
    const note = new Y.Map<unknown>()
    notesMap(doc).set(id, note)
    note.set('text', init.text ?? '')
    note.set('x', at.x)
    note.set('y', at.y)
    note.set('color', init.color ?? NOTE_COLORS[0])
  })
  return id
}

export const updateNote = (doc: Y.Doc, id: string, fields: Partial<Omit<NoteView, 'id'>>): boolean => {
  const note = notesMap(doc).get(id)
  if (!(note instanceof Y.Map)) return false
  doc.transact(() => {
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined && note.get(key) !== value) note.set(key, value)
    }
  })
  return true
}

export const deleteNote = (doc: Y.Doc, id: string): boolean => {
  const notes = notesMap(doc)
  if (!notes.has(id)) return false
  notes.delete(id)
  return true
}

/** This replica's own entry in the counter. */
export const ownCount = (doc: Y.Doc): number => num(counterMap(doc).get(String(doc.clientID)), 0)

/**
 * Adds `delta` to this replica's own entry. Each replica only writes its own key, so concurrent
 * increments never overwrite each other (one shared number would keep only the last write).
 */
export const addToCounter = (doc: Y.Doc, delta: number): void => {
  counterMap(doc).set(String(doc.clientID), ownCount(doc) + delta)
}

/** The counter's value: the sum of every replica's own count. */
export const counterValue = (doc: Y.Doc): number => {
  let sum = 0
  counterMap(doc).forEach((v) => {
    sum += num(v, 0)
  })
  return sum
}

/** Per-replica counts, for showing who contributed what. */
export const counterEntries = (doc: Y.Doc): Array<[string, number]> => {
  const out: Array<[string, number]> = []
  counterMap(doc).forEach((v, k) => {
    out.push([k, num(v, 0)])
  })
  return out.sort((a, b) => (a[0] < b[0] ? -1 : 1))
}
