import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { ReplicaGuard } from '../../src/core/ReplicaGuard'
import { addNote, addToCounter, sharedText, updateNote } from '../../src/core/schema'
import { byteList, singleBitFlips, truncations } from './helpers/bytes'
import { replayTrace } from './helpers/traceCorpus'

const docFrom = (state: Uint8Array): Y.Doc => {
  const doc = new Y.Doc({ gc: false })
  doc.clientID = 777
  Y.applyUpdate(doc, state)
  return doc
}

/** Updates one writer makes against `target`: what the direct path is for. */
const writerCases = (): Array<{ name: string; target: Uint8Array; update: Uint8Array }> => {
  const { txnUpdates } = replayTrace(400)
  const out = []
  for (const k of [50, 120, 199, 260, 333]) {
    out.push({ name: `trace keystroke txn ${k}`, target: Y.mergeUpdates(txnUpdates.slice(0, k)), update: txnUpdates[k] })
  }
  const base = docFrom(Y.mergeUpdates(txnUpdates.slice(0, 300)))
  const target = Y.encodeStateAsUpdate(base)
  const w = docFrom(target)
  w.clientID = 4242
  const edits: Array<[string, (d: Y.Doc) => void]> = [
    ['insert mid-text', (d) => sharedText(d).insert(40, 'typed in the middle')],
    ['insert at start', (d) => sharedText(d).insert(0, 'A')],
    ['append', (d) => sharedText(d).insert(sharedText(d).length, '!')],
    ['delete a word', (d) => sharedText(d).delete(10, 5)],
    ['new note', (d) => addNote(d, { text: 'hello', x: 3, y: 4 })],
    ['counter', (d) => addToCounter(d, 2)],
  ]
  for (const [name, edit] of edits) {
    const sv = Y.encodeStateVector(w)
    edit(w)
    out.push({ name, target: Y.encodeStateAsUpdate(base), update: Y.encodeStateAsUpdate(w, sv) })
    Y.applyUpdate(base, Y.encodeStateAsUpdate(w, Y.encodeStateVector(base)))
  }
  const id = [...base.getMap('notes').keys()][0]
  const sv = Y.encodeStateVector(w)
  updateNote(w, id, { x: 99, text: 'moved' })
  out.push({ name: 'move a note', target: Y.encodeStateAsUpdate(base), update: Y.encodeStateAsUpdate(w, sv) })
  return out
}

describe('ReplicaGuard: updates judged against the replica (no shadow) get the verdict the shadow gives', () => {
  test('every truncation and bit flip of one-writer updates: same verdict, replica untouched when refused', () => {
    let direct = 0
    let total = 0
    for (const c of writerCases()) {
      const fast = new ReplicaGuard(docFrom(c.target))
      expect(fast.check(c.update).ok, c.name).toBe(true)
      expect(fast.stats.direct, `${c.name} takes the direct path`).toBe(1)
      const mutations = [...[...truncations(c.update)].map((t) => t.bytes), ...[...singleBitFlips(c.update)].map((f) => f.bytes)]
      for (const m of mutations) {
        const a = docFrom(c.target)
        const b = docFrom(c.target)
        const withDirect = new ReplicaGuard(a)
        const shadowOnly = new ReplicaGuard(b, undefined, false)
        const before = withDirect.stats.direct
        const va = withDirect.check(m).ok
        const vb = shadowOnly.check(m).ok
        if (withDirect.stats.direct > before) {
          direct++
          // Taken without a shadow, so it must apply cleanly and mean what the shadow path says.
          expect(vb, `${c.name}: ${byteList(m)}`).toBe(true)
          expect(() => Y.applyUpdate(a, m)).not.toThrow()
          Y.applyUpdate(b, m)
          expect(sharedText(a).toString()).toBe(sharedText(b).toString())
          expect(JSON.stringify(a.getMap('notes').toJSON())).toBe(JSON.stringify(b.getMap('notes').toJSON()))
        } else expect(va, `${c.name}: ${byteList(m)}`).toBe(vb)
        total++
        a.destroy()
        b.destroy()
      }
    }
    console.log(`direct path: ${direct} of ${total} mutations judged without the shadow`)
    expect(total).toBeGreaterThan(3000)
    expect(direct).toBeGreaterThan(100)
  })

  test('the shadow is built only when needed and dropped when it falls far behind', () => {
    const doc = new Y.Doc({ gc: false })
    const guard = new ReplicaGuard(doc)
    const w = new Y.Doc()
    const updates: Uint8Array[] = []
    w.on('update', (u: Uint8Array) => updates.push(u))
    for (let i = 0; i < 3000; i++) sharedText(w).insert(i, 'x')
    for (const u of updates) expect(guard.apply(u, 'peer')).toBeNull()
    expect(guard.stats).toEqual({ direct: 3000, shadow: 0, rebuilds: 0 })
    // An update from the future (it would go pending) goes to the shadow, built from the replica.
    const late = new Y.Doc()
    late.clientID = 99
    sharedText(late).insert(0, 'a')
    const sv = Y.encodeStateVector(late)
    sharedText(late).insert(1, 'b')
    expect(guard.apply(Y.encodeStateAsUpdate(late, sv), 'peer')).toBeNull()
    expect(guard.stats).toMatchObject({ shadow: 1, rebuilds: 1 })
    expect(sharedText(doc).toString()).toBe('x'.repeat(3000))
    guard.destroy()
  })
})
