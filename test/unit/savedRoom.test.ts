import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { decodeJournal, encodeJournal, encodeJournalEntry } from '../../src/core/journalCodec'
import { readSavedRoom, SAVED_SCHEMA, savedUpdatesProblem } from '../../src/core/savedRoom'
import { addNote, addToCounter, sharedText } from '../../src/core/schema'
import { schemaProblem } from '../../src/core/schemaShape'

const roomDoc = () => {
  const doc = new Y.Doc()
  sharedText(doc).insert(0, 'hello')
  addNote(doc, { text: 'n', x: 1, y: 2 })
  addToCounter(doc, 3)
  return doc
}

describe('savedUpdatesProblem: what a saved room must be before it is merged', () => {
  test('accepts a real room, split over several updates, with or without a schema mark', () => {
    const doc = roomDoc()
    const first = Y.encodeStateAsUpdate(doc)
    const sv = Y.encodeStateVector(doc)
    sharedText(doc).insert(5, ' world')
    const second = Y.encodeStateAsUpdate(doc, sv)
    expect(savedUpdatesProblem([first, second], SAVED_SCHEMA)).toBeNull()
    expect(savedUpdatesProblem([first, second], undefined)).toBeNull()
    expect(savedUpdatesProblem([], undefined)).toBeNull()
  })

  test('keeps a copy whose updates wait for missing ones (a replica may hold pending updates)', () => {
    const doc = roomDoc()
    const sv = Y.encodeStateVector(doc)
    sharedText(doc).insert(0, 'x')
    expect(savedUpdatesProblem([Y.encodeStateAsUpdate(doc, sv)], SAVED_SCHEMA)).toBeNull()
  })

  test('refuses another schema version, values that are not updates, and updates that do not decode', () => {
    const good = Y.encodeStateAsUpdate(roomDoc())
    expect(savedUpdatesProblem([good], 2)).toMatch(/another schema \(version 2/)
    expect(savedUpdatesProblem(['text'], SAVED_SCHEMA)).toMatch(/none of its 1 saved entries is a valid update \(entry 1: /)
    expect(savedUpdatesProblem([good.slice(0, good.length - 3)], SAVED_SCHEMA)).toMatch(/none of its 1 saved entries/)
    expect(savedUpdatesProblem([Uint8Array.from([9, 9, 9])], SAVED_SCHEMA)).toMatch(/none of its 1 saved entries/)
  })

  test('one garbage row among good ones is left out and counted; the others make the document', () => {
    const doc = roomDoc()
    const first = Y.encodeStateAsUpdate(doc)
    const sv = Y.encodeStateVector(doc)
    sharedText(doc).insert(5, ' world')
    const second = Y.encodeStateAsUpdate(doc, sv)
    for (const garbage of ['text', Uint8Array.from([9, 9, 9]), { not: 'an update' }]) {
      const read = readSavedRoom([first, garbage, second], SAVED_SCHEMA)
      expect(read.problem).toBeNull()
      if (read.doc === null) throw new Error('unreachable')
      expect(read.dropped).toBe(1)
      expect(sharedText(read.doc).toString()).toBe(sharedText(doc).toString())
    }
  })

  test('refuses a document of another app (unknown shared types or wrong kinds)', () => {
    const other = new Y.Doc()
    other.getXmlFragment('prosemirror').insert(0, [new Y.XmlText('x')])
    expect(savedUpdatesProblem([Y.encodeStateAsUpdate(other)], undefined)).toMatch(/"prosemirror"/)
  })
})

describe('schemaProblem', () => {
  test('accepts the schema, refuses lists where maps belong and wrong values', () => {
    expect(schemaProblem(roomDoc())).toBeNull()
    const list = new Y.Doc()
    list.getArray('notes').insert(0, [1])
    expect(schemaProblem(reloaded(list))).toMatch(/"notes" is a list/)
    const badNote = new Y.Doc()
    badNote.getMap('notes').set('n1', 'not a map')
    expect(schemaProblem(reloaded(badNote))).toMatch(/note "n1" is not a map/)
    const badCount = new Y.Doc()
    badCount.getMap('counter').set('12', 'three')
    expect(schemaProblem(reloaded(badCount))).toMatch(/counter entry "12" is not a number/)
    const textMap = new Y.Doc()
    textMap.getMap('text').set('k', 1)
    expect(schemaProblem(reloaded(textMap))).toMatch(/keyed entries/)
  })
})

/** The document as a saved copy is read back: through its bytes, with untyped top-level types. */
const reloaded = (doc: Y.Doc): Y.Doc => {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

describe('journal codec', () => {
  test('round-trips updates; damaged text yields none and a reason', () => {
    const updates = [Uint8Array.from([1, 2, 3]), Y.encodeStateAsUpdate(roomDoc())]
    expect(decodeJournal(encodeJournal(updates))).toEqual({ updates, problem: null })
    expect(decodeJournal('["AQID", 4]')).toEqual({ updates: [], problem: 'it is not a list of updates' })
    expect(decodeJournal('{"a":1}')).toEqual({ updates: [], problem: 'an entry is not an update in base64' })
    expect(decodeJournal(encodeJournalEntry(updates[1]))).toEqual({ updates: [updates[1]], problem: null })
    expect(decodeJournal('[not json').updates).toEqual([])
    expect(decodeJournal('[not json').problem).not.toBeNull()
  })
})
