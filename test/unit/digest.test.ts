import fc from 'fast-check'
import * as prng from 'lib0/prng'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { shortDigest, stateDigest } from '../../src/core/digest'
import { pendingOf } from '../../src/core/pending'
import {
  NOTE_COLORS,
  addNote,
  addToCounter,
  counterValue,
  deleteNote,
  listNotes,
  notesMap,
  sharedText,
  updateNote,
} from '../../src/core/schema'
import { stateVectorOf } from '../../src/core/stateVector'

const FC_SEED = Number(process.env.FC_SEED ?? 20_260_528)
const SYNC = 'sync'

type Op =
  | { w: number; k: 'ins'; pos: number; s: string }
  | { w: number; k: 'del'; pos: number; len: number }
  | { w: number; k: 'note' }
  | { w: number; k: 'noteSet'; pick: number; x: number; color: number; text: string }
  | { w: number; k: 'noteDel'; pick: number }
  | { w: number; k: 'count'; d: number }
  | { w: number; k: 'sync'; from: number }

const writer = fc.integer({ min: 0, max: 2 })
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ w: writer, k: fc.constant('ins' as const), pos: fc.nat(60), s: fc.string({ minLength: 1, maxLength: 5 }) }) },
  { weight: 2, arbitrary: fc.record({ w: writer, k: fc.constant('del' as const), pos: fc.nat(60), len: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ w: writer, k: fc.constant('note' as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      w: writer,
      k: fc.constant('noteSet' as const),
      pick: fc.nat(10),
      x: fc.integer({ min: 0, max: 400 }),
      color: fc.nat(NOTE_COLORS.length - 1),
      text: fc.string({ maxLength: 6 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ w: writer, k: fc.constant('noteDel' as const), pick: fc.nat(10) }) },
  { weight: 2, arbitrary: fc.record({ w: writer, k: fc.constant('count' as const), d: fc.integer({ min: -3, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ w: writer, k: fc.constant('sync' as const), from: writer }) },
)

/** Three writers run `ops`; returns every update each one produced locally, in production order. */
const runWriters = (ops: readonly Op[]): Uint8Array[] => {
  const docs = [1, 2, 3].map((id) => {
    const d = new Y.Doc()
    d.clientID = id
    return d
  })
  const produced: Uint8Array[] = []
  for (const d of docs) d.on('update', (u: Uint8Array, origin: unknown) => origin !== SYNC && produced.push(u))
  for (const op of ops) {
    const d = docs[op.w]
    const text = sharedText(d)
    const ids = listNotes(d).map((n) => n.id)
    switch (op.k) {
      case 'ins':
        text.insert(Math.min(op.pos, text.length), op.s)
        break
      case 'del':
        if (text.length > 0) {
          const at = op.pos % text.length
          text.delete(at, Math.min(op.len, text.length - at))
        }
        break
      case 'note':
        addNote(d, { text: `n${op.w}` })
        break
      case 'noteSet':
        if (ids.length > 0) updateNote(d, ids[op.pick % ids.length], { x: op.x, color: NOTE_COLORS[op.color], text: op.text })
        break
      case 'noteDel':
        if (ids.length > 0) deleteNote(d, ids[op.pick % ids.length])
        break
      case 'count':
        if (op.d !== 0) addToCounter(d, op.d)
        break
      case 'sync':
        if (op.from !== op.w) Y.applyUpdate(d, Y.encodeStateAsUpdate(docs[op.from], Y.encodeStateVector(d)), SYNC)
        break
    }
  }
  for (const d of docs) d.destroy()
  return produced
}

const shuffled = <T>(items: readonly T[], seed: number): T[] => {
  const g = prng.create(seed)
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = prng.int32(g, 0, i)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

const content = (d: Y.Doc) => JSON.stringify({ text: sharedText(d).toString(), notes: listNotes(d), counter: counterValue(d) })

describe('stateDigest', () => {
  test('is equal for converged replicas that received the same updates in different orders (fast-check)', () => {
    console.log(`digest property: fast-check seed ${FC_SEED} (replay with FC_SEED=${FC_SEED})`)
    let runs = 0
    let withPendingOnTheWay = 0
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), fc.array(fc.integer(), { minLength: 3, maxLength: 3 }), (ops, orders) => {
        runs++
        const updates = runWriters(ops)
        const reference = new Y.Doc()
        Y.applyUpdate(reference, Y.mergeUpdates(updates))
        const want = stateDigest(reference)
        const wantContent = content(reference)
        orders.forEach((orderSeed, i) => {
          const receiver = new Y.Doc({ gc: i !== 1 })
          let sawPending = false
          for (const u of shuffled(updates, orderSeed)) {
            Y.applyUpdate(receiver, u)
            sawPending ||= pendingOf(receiver).has
          }
          if (sawPending) withPendingOnTheWay++
          expect(pendingOf(receiver).has).toBe(false)
          expect(stateVectorOf(receiver)).toEqual(stateVectorOf(reference))
          expect(content(receiver)).toBe(wantContent)
          expect(stateDigest(receiver), `receiver ${i} (gc ${i !== 1})`).toBe(want)
          receiver.destroy()
        })
        reference.destroy()
      }),
      { seed: FC_SEED, numRuns: 150 },
    )
    console.log(`digest property: ${runs} runs, ${withPendingOnTheWay} receivers went through pending structs on the way`)
    // The shuffles must actually exercise out-of-order delivery, or the property says little.
    expect(withPendingOnTheWay).toBeGreaterThan(10)
  })

  test('is equal with gc on and off, although encodeStateAsUpdate differs', () => {
    const src = new Y.Doc()
    src.clientID = 1
    const updates: Uint8Array[] = []
    src.on('update', (u: Uint8Array) => updates.push(u))
    sharedText(src).insert(0, 'hello brave new world')
    sharedText(src).delete(6, 6)
    const id = addNote(src, { text: 'gone soon' })
    deleteNote(src, id)
    const gcOn = new Y.Doc({ gc: true })
    const gcOff = new Y.Doc({ gc: false })
    for (const u of updates) {
      Y.applyUpdate(gcOn, u)
      Y.applyUpdate(gcOff, u)
    }
    expect(sharedText(gcOn).toString()).toBe('hello new world')
    expect(Y.encodeStateAsUpdate(gcOn)).not.toEqual(Y.encodeStateAsUpdate(gcOff))
    expect(stateDigest(gcOn)).toBe(stateDigest(gcOff))
    expect(stateDigest(gcOn)).toBe(stateDigest(src))
  })

  test('is equal when an UndoManager keeps deleted items alive, although encodeStateAsUpdate differs', () => {
    const withUndo = new Y.Doc()
    withUndo.clientID = 1
    const undo = new Y.UndoManager([sharedText(withUndo), notesMap(withUndo)], { captureTimeout: 0 })
    const updates: Uint8Array[] = []
    withUndo.on('update', (u: Uint8Array) => updates.push(u))
    sharedText(withUndo).insert(0, 'abcdef')
    undo.stopCapturing()
    sharedText(withUndo).delete(1, 3)
    undo.stopCapturing()
    const id = addNote(withUndo, { text: 'x' })
    undo.stopCapturing()
    deleteNote(withUndo, id)
    expect(undo.undoStack.length).toBeGreaterThan(0)

    const plain = new Y.Doc()
    for (const u of updates) Y.applyUpdate(plain, u)
    expect(sharedText(plain).toString()).toBe('aef')
    expect(Y.encodeStateAsUpdate(plain)).not.toEqual(Y.encodeStateAsUpdate(withUndo))
    expect(stateDigest(plain)).toBe(stateDigest(withUndo))
    undo.destroy()
  })

  test('differs when one update is missing, and agrees again once it arrives', () => {
    const src = new Y.Doc()
    const updates: Uint8Array[] = []
    src.on('update', (u: Uint8Array) => updates.push(u))
    sharedText(src).insert(0, 'one')
    sharedText(src).insert(3, ' two')
    addToCounter(src, 1)
    const lagging = new Y.Doc()
    Y.applyUpdate(lagging, updates[0])
    Y.applyUpdate(lagging, updates[2]) // the counter does not depend on the text
    expect(stateDigest(lagging)).not.toBe(stateDigest(src))
    Y.applyUpdate(lagging, updates[1])
    expect(stateDigest(lagging)).toBe(stateDigest(src))
  })

  test('differs when only a delete is missing (same state vectors), and agrees once it arrives', () => {
    const src = new Y.Doc()
    const updates: Uint8Array[] = []
    src.on('update', (u: Uint8Array) => updates.push(u))
    sharedText(src).insert(0, 'abc')
    sharedText(src).delete(1, 1)
    const lagging = new Y.Doc()
    Y.applyUpdate(lagging, updates[0])
    expect(stateVectorOf(lagging)).toEqual(stateVectorOf(src))
    expect(stateDigest(lagging)).not.toBe(stateDigest(src))
    Y.applyUpdate(lagging, updates[1])
    expect(stateDigest(lagging)).toBe(stateDigest(src))
  })

  test('is 64 hex digits; the short form is its first 8', () => {
    const d = new Y.Doc()
    const full = stateDigest(d)
    expect(full).toMatch(/^[0-9a-f]{64}$/)
    expect(shortDigest(full)).toBe(full.slice(0, 8))
  })
})
