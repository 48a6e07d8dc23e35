import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { readPreview } from '../../src/core/savedPreview'
import { listNotes, NOTE_COLORS, noteColor, notesMap } from '../../src/core/schema'

describe('note colours reach CSS only as the schema allows', () => {
  test('hex colours pass; url(), expressions and garbage become the first note colour', () => {
    expect(noteColor('#bbf7d0')).toBe('#bbf7d0')
    expect(noteColor('#FFF')).toBe('#FFF')
    for (const bad of ['url(javascript:1)', 'red;background:url(x)', 'expression(alert(1))', '#12345', '', 42, null]) expect(noteColor(bad)).toBe(NOTE_COLORS[0])
  })

  test('a forged saved preview keeps its notes, never its colour', () => {
    const forged = { upTo: 3, text: 't', notes: [{ id: 'a', text: 'x', x: 1, y: 2, color: 'url(javascript:1)' }], counter: { value: 0, entries: [] } }
    expect(readPreview(forged, 3)?.notes).toEqual([{ id: 'a', text: 'x', x: 1, y: 2, color: NOTE_COLORS[0] }])
  })

  test("a peer's note with a forged colour shows the first note colour", () => {
    const doc = new Y.Doc()
    const note = new Y.Map<unknown>()
    notesMap(doc).set('n1', note as never)
    note.set('text', 'hi')
    note.set('color', 'url(javascript:1)')
    expect(listNotes(doc)[0].color).toBe(NOTE_COLORS[0])
  })
})
