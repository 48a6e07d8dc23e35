import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { describeChange } from '../../src/core/changeWords'
import { addNote, addToCounter, deleteNote, sharedText, updateNote } from '../../src/core/schema'

const NAMES: Record<number, string> = { 42: 'Ana', 7: 'Ben' }
const nameOf = (id: number) => NAMES[id] ?? `Blue ${id % 100}`

const recorded = (clientID = 42) => {
  const doc = new Y.Doc()
  doc.clientID = clientID
  const out: string[] = []
  doc.on('afterTransaction', (tr: Y.Transaction) => out.push(describeChange(tr, nameOf)))
  return { doc, out, last: () => out[out.length - 1] }
}

describe('describeChange: what changed, in words', () => {
  test('typing and deleting text', () => {
    const { doc, last } = recorded()
    sharedText(doc).insert(0, 'hello')
    expect(last()).toBe('typed “hello” in the text')
    sharedText(doc).delete(0, 3)
    expect(last()).toBe('deleted 3 characters of the text')
    sharedText(doc).delete(0, 1)
    expect(last()).toBe('deleted a character of the text')
    sharedText(doc).insert(0, 'line one\nline two, which goes on')
    expect(last()).toBe('typed “line one⏎line two, which…” in the text')
  })

  test('the counter: a replaced count is one change, named by its replica, never "−1 deleted"', () => {
    const { doc, last } = recorded(42)
    addToCounter(doc, 1)
    expect(last()).toBe("Ana's count is now 1")
    addToCounter(doc, 2)
    expect(last()).toBe("counter +2 (Ana's count 1 → 3)")
    addToCounter(doc, -1)
    expect(last()).toBe("counter −1 (Ana's count 3 → 2)")
    expect(last()).not.toMatch(/deleted/)
  })

  test('a remote replica’s count is named by nameOf', () => {
    const src = new Y.Doc()
    src.clientID = 7
    const { doc, last } = recorded(42)
    addToCounter(src, 1)
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(src))
    addToCounter(src, 1)
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(src, Y.encodeStateVector(doc)))
    expect(last()).toBe("counter +1 (Ben's count 1 → 2)")
  })

  test('notes: added, written on, moved, recoloured, deleted', () => {
    const { doc, last } = recorded()
    const id = addNote(doc, { text: 'hi', x: 3 })
    expect(last()).toBe('added a note “hi”')
    updateNote(doc, id, { x: 120, y: 40 })
    expect(last()).toBe('moved a note')
    updateNote(doc, id, { color: '#bbf7d0' })
    expect(last()).toBe('recoloured a note')
    updateNote(doc, id, { text: 'buy milk' })
    expect(last()).toBe('wrote “buy milk” on a note')
    deleteNote(doc, id)
    expect(last()).toBe('deleted a note')
  })

  test('many changes at once: the first four, then how many more', () => {
    const { doc, last } = recorded()
    sharedText(doc).insert(0, 'abc')
    doc.transact(() => {
      sharedText(doc).insert(0, 'X')
      sharedText(doc).delete(2, 1)
      addNote(doc, {})
      addToCounter(doc, 1)
      doc.getMap('m').set('k', 1)
      doc.getMap('m').set('j', 2)
    })
    expect(last()).toBe("typed “X” in the text; deleted a character of the text; added a note; Ana's count is now 1; and 2 more")
  })

  test('an empty transaction is "no change"', () => {
    const { doc, last } = recorded()
    doc.transact(() => {})
    expect(last()).toBe('no change')
  })
})
