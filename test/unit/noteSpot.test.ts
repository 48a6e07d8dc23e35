import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { BOARD, freeNoteSpot, NOTE_BOX } from '../../src/core/noteSpot'
import { addNote, listNotes } from '../../src/core/schema'

const apart = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  a.x + NOTE_BOX.width <= b.x || b.x + NOTE_BOX.width <= a.x || a.y + NOTE_BOX.height <= b.y || b.y + NOTE_BOX.height <= a.y

describe('new notes do not land on each other', () => {
  test('a free spot is kept; a taken one moves to the nearest free place inside the board', () => {
    expect(freeNoteSpot([], { x: 20, y: 30 })).toEqual({ x: 20, y: 30 })
    const moved = freeNoteSpot([{ x: 20, y: 30 }], { x: 30, y: 40 })
    expect(apart(moved, { x: 20, y: 30 })).toBe(true)
    expect(moved.x + NOTE_BOX.width).toBeLessThanOrEqual(BOARD.width)
    expect(moved.y + NOTE_BOX.height).toBeLessThanOrEqual(BOARD.height)
  })

  test('six notes added where the app puts them first are pairwise apart; a full board still takes a note', () => {
    const doc = new Y.Doc()
    for (let i = 0; i < 6; i++) addNote(doc, { x: 16 + i * 5, y: 16 + i * 5 })
    const notes = listNotes(doc)
    for (let i = 0; i < notes.length; i++) for (let j = i + 1; j < notes.length; j++) expect(apart(notes[i], notes[j]), `${i} and ${j}`).toBe(true)
    for (let i = 0; i < 20; i++) addNote(doc, { x: 16, y: 16 })
    expect(listNotes(doc)).toHaveLength(26)
  })
})
