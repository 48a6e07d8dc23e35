import type * as Y from 'yjs'
import { addNote, addToCounter, deleteNote, NOTE_COLORS, sharedText, updateNote } from '../schema'
import { addToCounterLww } from './labCounter'

/** One edit of a replica's document, as data (so it can be recorded, exported and replayed). */
export type Edit =
  | { type: 'insertText'; index: number; text: string }
  | { type: 'deleteText'; index: number; length: number }
  | { type: 'addNote'; text?: string; x?: number; y?: number; color?: string }
  | { type: 'moveNote'; id: string; x: number; y: number }
  | { type: 'recolorNote'; id: string; color: string }
  | { type: 'setNoteText'; id: string; text: string }
  | { type: 'deleteNote'; id: string }
  | { type: 'counter'; delta: number }
  | { type: 'counterLww'; delta: number }

export type EditType = Edit['type']

const clip = (s: string, n = 12): string => (s.length > n ? `${s.slice(0, n)}…` : s)
const signed = (n: number): string => (n >= 0 ? `+${n}` : `−${-n}`)

/** A short readable label, used as the summary of the update the edit produces. */
export const labelOf = (e: Edit): string => {
  switch (e.type) {
    case 'insertText':
      return `+${JSON.stringify(clip(e.text))} text`
    case 'deleteText':
      return `−${e.length} text`
    case 'addNote':
      return 'notes.add'
    case 'moveNote':
      return `note.move ${Math.round(e.x)},${Math.round(e.y)}`
    case 'recolorNote':
      return `note.color ${e.color}`
    case 'setNoteText':
      return `note.text ${JSON.stringify(clip(e.text))}`
    case 'deleteNote':
      return 'notes.delete'
    case 'counter':
      return `counter ${signed(e.delta)}`
    case 'counterLww':
      return `counterLww ${signed(e.delta)}`
  }
}

/**
 * Applies an edit to `doc` in one transaction with `origin`. Text positions are clamped to the
 * document (an edit typed against a stale view stays valid). Returns the new note's id for
 * `addNote`, true when the edit changed something, false when it targeted a missing note.
 */
export const applyEdit = (doc: Y.Doc, e: Edit, origin: unknown): string | boolean => {
  let result: string | boolean = true
  doc.transact(() => {
    const text = sharedText(doc)
    switch (e.type) {
      case 'insertText': {
        const at = Math.max(0, Math.min(e.index, text.length))
        if (e.text.length > 0) text.insert(at, e.text)
        else result = false
        break
      }
      case 'deleteText': {
        const at = Math.max(0, Math.min(e.index, text.length))
        const n = Math.max(0, Math.min(e.length, text.length - at))
        if (n > 0) text.delete(at, n)
        else result = false
        break
      }
      case 'addNote':
        result = addNote(doc, { text: e.text, x: e.x, y: e.y, color: e.color ?? NOTE_COLORS[0] })
        break
      case 'moveNote':
        result = updateNote(doc, e.id, { x: e.x, y: e.y })
        break
      case 'recolorNote':
        result = updateNote(doc, e.id, { color: e.color })
        break
      case 'setNoteText':
        result = updateNote(doc, e.id, { text: e.text })
        break
      case 'deleteNote':
        result = deleteNote(doc, e.id)
        break
      case 'counter':
        addToCounter(doc, e.delta)
        break
      case 'counterLww':
        addToCounterLww(doc, e.delta)
        break
    }
  }, origin)
  return result
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const isStr = (v: unknown): v is string => typeof v === 'string'
const FIELDS: Record<EditType, Record<string, (v: unknown) => boolean>> = {
  insertText: { index: isNum, text: isStr },
  deleteText: { index: isNum, length: isNum },
  addNote: {},
  moveNote: { id: isStr, x: isNum, y: isNum },
  recolorNote: { id: isStr, color: isStr },
  setNoteText: { id: isStr, text: isStr },
  deleteNote: { id: isStr },
  counter: { delta: isNum },
  counterLww: { delta: isNum },
}
const OPTIONAL: Record<string, (v: unknown) => boolean> = { text: isStr, x: isNum, y: isNum, color: isStr }

/** Checks that untrusted data is an Edit; returns a sentence saying what is wrong, or null. */
export const editProblem = (v: unknown): string | null => {
  if (typeof v !== 'object' || v === null) return 'an edit must be an object'
  const e = v as Record<string, unknown>
  const fields = typeof e.type === 'string' ? FIELDS[e.type as EditType] : undefined
  if (fields === undefined) return `unknown edit type ${JSON.stringify(e.type)}`
  for (const [name, ok] of Object.entries(fields)) if (!ok(e[name])) return `edit ${e.type} needs a valid "${name}"`
  if (e.type === 'addNote') {
    for (const [name, ok] of Object.entries(OPTIONAL)) if (e[name] !== undefined && !ok(e[name])) return `addNote "${name}" is invalid`
  }
  return null
}
