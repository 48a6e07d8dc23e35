import { describe, expect, test, vi } from 'vitest'
import * as Y from 'yjs'
import { colorIndexOf, REPLICA_COLORS, replicaColor } from '../../src/core/colors'
import { OpLog } from '../../src/core/oplog'
import { NO_PENDING, pendingOf } from '../../src/core/pending'
import { addNote, addToCounter, counterEntries, counterValue, listNotes, notesMap, ownCount, sharedText } from '../../src/core/schema'
import { missingFrom, opCount, sameStateVector, stateVectorOf } from '../../src/core/stateVector'
import { stateTree, writerStats } from '../../src/core/tree'

const newDoc = (clientID: number) => {
  const d = new Y.Doc()
  d.clientID = clientID
  return d
}

describe('state vectors', () => {
  test('stateVectorOf, missingFrom, sameStateVector, opCount on real documents', () => {
    const a = newDoc(1)
    const b = newDoc(2)
    sharedText(a).insert(0, 'abc')
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    sharedText(b).insert(0, 'xy')
    expect(stateVectorOf(a)).toEqual({ 1: 3 })
    expect(stateVectorOf(b)).toEqual({ 1: 3, 2: 2 })
    expect(missingFrom(stateVectorOf(b), stateVectorOf(a))).toEqual({ 2: 2 })
    expect(missingFrom(stateVectorOf(a), stateVectorOf(b))).toEqual({})
    expect(sameStateVector(stateVectorOf(a), stateVectorOf(b))).toBe(false)
    expect(sameStateVector({ 1: 3, 2: 2 }, stateVectorOf(b))).toBe(true)
    expect(sameStateVector({ 1: 3, 3: 2 }, stateVectorOf(b))).toBe(false)
    expect(opCount(stateVectorOf(b))).toBe(5)
  })
})

describe('pending', () => {
  test('nothing pending, pending structs, and a pending delete set', () => {
    const src = newDoc(5)
    const ups: Uint8Array[] = []
    src.on('update', (u: Uint8Array) => ups.push(u))
    sharedText(src).insert(0, 'ab')
    sharedText(src).insert(2, 'cd')
    sharedText(src).delete(0, 1)

    const d = newDoc(9)
    expect(pendingOf(d)).toBe(NO_PENDING)
    Y.applyUpdate(d, ups[1])
    // Yjs's `missing` map, passed through: the highest clock of writer 5 that the held update
    // needs (ops 0–1), not where the gap starts (0), whatever pending.ts's comment says.
    expect(pendingOf(d)).toEqual({ has: true, waitingOn: { 5: 1 }, bytes: expect.any(Number) })
    expect(pendingOf(d).bytes).toBeGreaterThan(0) // Yjs keeps it re-encoded (v2), so not the received byte count

    const e = newDoc(10)
    Y.applyUpdate(e, ups[2]) // a delete of an item it has never seen
    expect(pendingOf(e)).toMatchObject({ has: true, waitingOn: {} })

    Y.applyUpdate(d, ups[0])
    Y.applyUpdate(d, ups[2])
    expect(pendingOf(d)).toBe(NO_PENDING)
  })
})

describe('stateTree and writerStats', () => {
  const build = () => {
    const d = newDoc(3)
    sharedText(d).insert(0, 'hello tree')
    addNote(d, { text: 'n', x: 1, y: 2 })
    addToCounter(d, 4)
    d.getArray('list').insert(0, [1, 'two'])
    return d
  }

  test('the tree of a document equals the tree of that document rebuilt from its update', () => {
    const d = build()
    const rebuilt = new Y.Doc()
    Y.applyUpdate(rebuilt, Y.encodeStateAsUpdate(d))
    for (const name of ['text', 'notes', 'counter']) expect(rebuilt.share.has(name)).toBe(true)
    rebuilt.getText('text')
    rebuilt.getMap('notes')
    rebuilt.getMap('counter')
    rebuilt.getArray('list')
    expect(stateTree(rebuilt)).toEqual(stateTree(d))
  })

  test('root types nobody here has read: maps by their keys, others as text', () => {
    const d = build()
    const rebuilt = new Y.Doc()
    Y.applyUpdate(rebuilt, Y.encodeStateAsUpdate(d))
    expect(stateTree(rebuilt).map((n) => [n.key, n.kind])).toEqual([
      ['counter', 'map'],
      ['list', 'array'], // read without fixing its type: a sequence of non-strings is an array
      ['notes', 'map'],
      ['text', 'text'],
    ])
  })

  test('(regression) drawing the tree does not change how the document can be read afterwards', () => {
    // stateTree calls doc.getText / doc.getMap on root types it has not seen typed, which fixes
    // their type for good: a Y.Array written by another client can no longer be read as an
    // array ("Type with the name list has already been defined with a different constructor").
    // startLiveRoom draws the tree every frame, so any foreign root type gets locked this way.
    const writer = newDoc(3)
    writer.getArray('list').insert(0, [1, 'two'])
    const reader = new Y.Doc()
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(writer))
    stateTree(reader)
    let read: unknown
    try {
      read = reader.getArray('list').toArray()
    } catch (e) {
      read = (e as Error).message
    }
    expect(read).toEqual([1, 'two'])
  })

  test('shape: sorted keys, text shortened to maxText, sizes', () => {
    const d = build()
    const tree = stateTree(d, 5)
    const text = tree.find((n) => n.key === 'text')!
    expect(text).toEqual({ key: 'text', kind: 'text', size: 10, value: 'hello…' })
    const notes = tree.find((n) => n.key === 'notes')!
    expect(notes.kind).toBe('map')
    expect(notes.children![0].children!.map((c) => `${c.key}=${c.value}`)).toEqual(['color="#fde68a"', 'text="n"', 'x=1', 'y=2'])
    expect(tree.find((n) => n.key === 'list')).toEqual({
      key: 'list',
      kind: 'array',
      size: 2,
      children: [
        { key: '0', kind: 'value', value: '1' },
        { key: '1', kind: 'value', value: '"two"' },
      ],
    })
  })

  test('writerStats counts ops and deleted ops per writer', () => {
    const d = newDoc(3)
    sharedText(d).insert(0, 'abcdef')
    sharedText(d).delete(1, 2)
    const e = newDoc(4)
    Y.applyUpdate(e, Y.encodeStateAsUpdate(d))
    sharedText(e).insert(0, 'zz')
    expect(writerStats(e)).toEqual([
      { client: 3, ops: 6, deleted: 2 },
      { client: 4, ops: 2, deleted: 0 },
    ])
  })
})

describe('OpLog', () => {
  test('keeps the newest `capacity` entries, counts all, bumps its version and notifies', () => {
    const log = new OpLog(3)
    const listener = vi.fn()
    const off = log.subscribe(listener)
    for (let i = 0; i < 10; i++) log.append({ time: i, dir: 'in', peer: 'p', bytes: i, summary: `s${i}` })
    expect(log.total).toBe(10)
    expect(log.version).toBe(10)
    expect(listener).toHaveBeenCalledTimes(10)
    expect(log.entries().map((e) => [e.seq, e.summary])).toEqual([
      [7, 's7'],
      [8, 's8'],
      [9, 's9'],
    ])
    off()
    log.append({ time: 11, dir: 'out', peer: 'p', bytes: 1, summary: 'x' })
    expect(listener).toHaveBeenCalledTimes(10)
  })
})

describe('colours', () => {
  test('a replica colour depends only on its clientID and is in the palette', () => {
    expect(new Set(REPLICA_COLORS).size).toBe(REPLICA_COLORS.length)
    for (const id of [0, 1, 2, 3, 1234, 2 ** 31, 2 ** 32 - 1]) {
      expect(replicaColor(id)).toBe(REPLICA_COLORS[colorIndexOf(id)])
      expect(replicaColor(id)).toBe(replicaColor(id))
      expect(colorIndexOf(id)).toBeGreaterThanOrEqual(0)
      expect(colorIndexOf(id)).toBeLessThan(REPLICA_COLORS.length)
    }
  })
})

describe('schema', () => {
  test('concurrent increments from two replicas are both kept; each writes only its own entry', () => {
    const a = newDoc(1)
    const b = newDoc(2)
    addToCounter(a, 1)
    addToCounter(b, 1)
    addToCounter(b, 1)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(counterValue(a)).toBe(3)
    expect(counterValue(b)).toBe(3)
    expect(ownCount(a)).toBe(1)
    expect(counterEntries(b)).toEqual([
      ['1', 1],
      ['2', 2],
    ])
  })

  test('notes: ids from two replicas never collide; foreign values of the wrong type fall back', () => {
    const a = newDoc(1)
    const b = newDoc(2)
    const ida = addNote(a, { text: 'a' })
    const idb = addNote(b, { text: 'b' })
    expect(ida).not.toBe(idb)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    const odd = new Y.Map<unknown>()
    notesMap(a).set('zz', odd as Y.Map<unknown>)
    odd.set('x', 'not a number')
    odd.set('text', 42)
    ;(notesMap(a) as unknown as Y.Map<unknown>).set('zzz', 'not a map')
    expect(listNotes(a).map((n) => n.id)).toEqual([ida, idb, 'zz'].sort())
    expect(listNotes(a).find((n) => n.id === 'zz')).toEqual({ id: 'zz', text: '', x: 0, y: 0, color: '#fde68a' })
  })
})
