import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { previewOf, readPreview } from '../../src/core/savedPreview'
import { readSavedRoom, SAVED_SCHEMA } from '../../src/core/savedRoom'
import { addNote, addToCounter, counterValue, listNotes, sharedText } from '../../src/core/schema'

const roomDoc = () => {
  const doc = new Y.Doc({ gc: false })
  sharedText(doc).insert(0, 'hello there')
  sharedText(doc).delete(5, 6)
  addNote(doc, { text: 'n', x: 1, y: 2, color: '#bbf7d0' })
  addToCounter(doc, 3)
  return doc
}

describe('the saved preview: what a reload paints before the document is rebuilt', () => {
  test('holds the text, the notes and the counter, and survives IndexedDB’s structured clone', () => {
    const doc = roomDoc()
    const p = previewOf(doc, 7)
    expect(p).toEqual({ upTo: 7, text: 'hello', notes: listNotes(doc), counter: { value: 3, entries: [[String(doc.clientID), 3]] } })
    expect(readPreview(structuredClone(p), 7)).toEqual(p)
  })

  test('is what the document built from the saved rows shows (incremental against from scratch)', () => {
    const doc = roomDoc()
    const p = previewOf(doc, 1)
    const built = readSavedRoom([Y.encodeStateAsUpdate(doc)], SAVED_SCHEMA)
    expect(built.doc).not.toBeNull()
    const d = built.doc!
    expect(p.text).toBe(sharedText(d).toString())
    expect(p.notes).toEqual(listNotes(d))
    expect(p.counter.value).toBe(counterValue(d))
  })

  test('is not used once a newer row was saved, nor when there are no rows', () => {
    const p = previewOf(roomDoc(), 4)
    expect(readPreview(p, 5)).toBeNull()
    expect(readPreview(p, 3)).toBeNull()
    expect(readPreview(p, null)).toBeNull()
  })

  test('anything of another shape is ignored, never an error', () => {
    const p = previewOf(roomDoc(), 2)
    const broken: unknown[] = [
      undefined,
      null,
      'text',
      42,
      [],
      { ...p, text: 42 },
      { ...p, upTo: '2' },
      { ...p, notes: 'n' },
      { ...p, notes: [{ id: 'a', text: 'x', x: Number.NaN, y: 0, color: '#fff' }] },
      { ...p, notes: [null] },
      { ...p, counter: null },
      { ...p, counter: { value: Number.POSITIVE_INFINITY, entries: [] } },
      { ...p, counter: { value: 1, entries: [['a', '1']] } },
      { ...p, counter: { value: 1, entries: [['a']] } },
    ]
    for (const b of broken) expect(readPreview(b, 2)).toBeNull()
  })
})
