import { afterEach, describe, expect, test, vi } from 'vitest'
import * as Y from 'yjs'
import { addNote, addToCounter, deleteNote, sharedText, updateNote } from '../../src/core/schema'
import { describeTransaction } from '../../src/core/summary'

/** A doc whose transactions are summarised as they happen, the way startLiveRoom does. */
const recorded = (clientID = 42) => {
  const doc = new Y.Doc()
  doc.clientID = clientID
  const out: string[] = []
  doc.on('afterTransaction', (tr: Y.Transaction) => out.push(describeTransaction(tr)))
  return { doc, out, last: () => out[out.length - 1] }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('describeTransaction: readable summaries', () => {
  test('text insert and delete', () => {
    const { doc, last } = recorded()
    sharedText(doc).insert(0, 'hello')
    expect(last()).toBe('text +"hello"')
    sharedText(doc).insert(5, ' world')
    expect(last()).toBe('text +" world"')
    sharedText(doc).delete(0, 3)
    expect(last()).toBe('−3 deleted')
  })

  test('long text is shortened, newlines shown as ⏎', () => {
    const { doc, last } = recorded()
    sharedText(doc).insert(0, 'line one\nline two, which goes on and on')
    expect(last()).toBe('text +"line one⏎line two, which…"')
  })

  test('map set: the counter entry of this replica', () => {
    const { doc, last } = recorded(42)
    addToCounter(doc, 1)
    expect(last()).toBe('counter.42 = 1')
    addToCounter(doc, 2)
    expect(last()).toBe('counter.42 = 3 · −1 deleted')
  })

  test('nested note fields: a new note, a moved note, a recoloured note, a deleted note', () => {
    const { doc, last } = recorded(42)
    const id = addNote(doc, { text: 'hi', x: 3 })
    expect(last()).toBe(`notes.${id} = {…} · notes.${id}.text = "hi" · notes.${id}.x = 3 · notes.${id}.y = 0 · +1 more`)
    updateNote(doc, id, { x: 120 })
    expect(last()).toBe(`notes.${id}.x = 120 · −1 deleted`)
    updateNote(doc, id, { color: '#bbf7d0' })
    expect(last()).toBe(`notes.${id}.color = "#bbf7d0" · −1 deleted`)
    deleteNote(doc, id)
    expect(last()).toBe('−5 deleted')
  })

  test('an empty transaction is "no change"', () => {
    const { doc, last } = recorded()
    doc.transact(() => {})
    expect(last()).toBe('no change')
  })

  test('items merged by Yjs between transactions: only the new characters are named', () => {
    const { doc, out } = recorded()
    const t = sharedText(doc)
    for (const c of 'abc') t.insert(t.length, c)
    expect(doc.store.clients.get(42)!.length).toBe(1) // "abc" merged into one item
    t.insert(3, 'd')
    t.insert(1, 'XY') // splits the merged item
    expect(out).toEqual(['text +"a"', 'text +"b"', 'text +"c"', 'text +"d"', 'text +"XY"'])
  })

  test('a remote update whose item starts before what the replica had: only the unseen slice', () => {
    const src = new Y.Doc()
    src.clientID = 7
    sharedText(src).insert(0, 'ab')
    const { doc, last } = recorded(8)
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(src))
    expect(last()).toBe('text +"ab"')
    sharedText(src).insert(2, 'c')
    sharedText(src).insert(3, 'd')
    expect(src.store.clients.get(7)!.length).toBe(1) // the sender holds "abcd" as one item
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(src)) // the whole state, "ab" included
    expect(last()).toBe('text +"cd"')
  })

  test('text inserted into two shared types by one remote transaction: one run each', () => {
    const src = new Y.Doc()
    src.clientID = 7
    const { doc, last } = recorded(8)
    sharedText(src).insert(0, 'hello')
    src.getText('other').insert(0, 'x')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(src))
    expect(last().split(' · ').sort()).toEqual(['other +"x"', 'text +"hello"'])
  })

  test('(regression) when parts are cut, the summary still says that something was left out', () => {
    // Four map sets, a text insert and a deletion in one transaction: the text run is added in
    // front after the cut, and the final slice drops the "−1 deleted" part and the "+1 more"
    // marker. Today: 'text +"A" · m.a = 1 · m.b = 2 · m.c = 3 · m.d = 4', no hint of the deletion.
    const { doc, last } = recorded()
    sharedText(doc).insert(0, 'hello')
    doc.transact(() => {
      sharedText(doc).insert(0, 'A')
      const m = doc.getMap('m')
      for (const [k, v] of [['a', 1], ['b', 2], ['c', 3], ['d', 4]] as const) m.set(k, v)
      sharedText(doc).delete(3, 1)
    })
    expect(last()).toMatch(/\+\d+ more|−1 deleted/)
  })
})

describe('describeTransaction: cost bounded by the change, not the document', () => {
  const bigDoc = () => {
    const doc = new Y.Doc()
    doc.clientID = 42
    const t = sharedText(doc)
    t.insert(0, 'x'.repeat(100_000))
    // Plus 2,000 separate items (typed backwards, so they do not merge).
    for (let i = 0; i < 2000; i++) t.insert(0, 'y')
    expect(t.length).toBe(102_000)
    const out: string[] = []
    let summaryMs = 0
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      const t0 = performance.now()
      out.push(describeTransaction(tr))
      summaryMs += performance.now() - t0
    })
    return { out, t, summaryMs: () => summaryMs }
  }

  test('a 1-char insert into a 102k-char document: short, fast, and never reads the whole text', () => {
    const { out, t, summaryMs } = bigDoc()
    const reads = [
      vi.spyOn(Y.Text.prototype as unknown as { toString(): string }, 'toString'),
      vi.spyOn(Y.Text.prototype, 'toDelta'),
      vi.spyOn(Y.Text.prototype, 'toJSON'),
      vi.spyOn(Y.Map.prototype, 'toJSON'),
    ]
    const n = 200
    for (let i = 0; i < n; i++) t.insert(50_000 + i, 'z')
    for (const r of reads) expect(r).not.toHaveBeenCalled()
    t.toString()
    expect(reads[0]).toHaveBeenCalledTimes(1) // the spy does see reads of the whole text
    expect(out).toHaveLength(n)
    expect(out.every((s) => s === 'text +"z"')).toBe(true)
    const perSummaryMs = summaryMs() / n
    console.log(`describeTransaction on a 102k-char document: ${(perSummaryMs * 1000).toFixed(1)} µs per 1-char insert`)
    // The spies are the real check; this bound is generous for a loaded 2-core machine.
    expect(perSummaryMs).toBeLessThan(2)
  })

  test('a 100k-char insert is summarised in a few dozen characters', () => {
    const { doc, last } = recorded()
    sharedText(doc).insert(0, 'q'.repeat(100_000))
    expect(last()).toBe(`text +"${'q'.repeat(24)}…"`)
  })

  test('(regression) a long note text is shortened like text is', () => {
    // Map values go through JSON.stringify without the 24-char cut that text gets: a note whose
    // text is 100,000 characters gives a summary of 100,000+ characters (and an op log row to match).
    const { doc, last } = recorded()
    const id = addNote(doc, {})
    updateNote(doc, id, { text: 'n'.repeat(100_000) })
    expect(last().length).toBeLessThan(200)
  })
})
