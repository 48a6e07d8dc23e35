import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { ReplicaGuard, SHADOW_IDLE_CALLS } from '../../src/core/ReplicaGuard'
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
  // Duplicates: an update the replica already holds (a replay), which Yjs skips.
  for (const k of [120, 333]) {
    out.push({ name: `trace keystroke txn ${k} again`, target: Y.mergeUpdates(txnUpdates.slice(0, k + 1)), update: txnUpdates[k] })
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

  test('a replayed update (every struct already held) takes the direct path: a peer replaying old updates keeps no shadow alive', () => {
    const doc = new Y.Doc({ gc: false })
    const guard = new ReplicaGuard(doc)
    const w = new Y.Doc()
    const updates: Uint8Array[] = []
    w.on('update', (u: Uint8Array) => updates.push(u))
    for (let i = 0; i < 200; i++) sharedText(w).insert(0, 'f')
    addToCounter(w, 1)
    addToCounter(w, 2)
    for (const u of updates) expect(guard.apply(u, 'peer')).toBeNull()
    for (const u of updates) expect(guard.apply(u, 'peer')).toBeNull()
    expect(guard.apply(Y.encodeStateAsUpdate(w), 'peer')).toBeNull()
    expect(guard.stats).toEqual({ direct: 2 * updates.length + 1, shadow: 0, rebuilds: 0 })
    expect(guard.hasShadow).toBe(false)
    expect(sharedText(doc).toString()).toBe('f'.repeat(200))
    // A struct with a held id but an origin the replica has never seen is not taken for a replay.
    const z = new Y.Doc()
    z.clientID = 5555
    sharedText(z).insert(0, 'zzz')
    const x = new Y.Doc()
    x.clientID = w.clientID
    Y.applyUpdate(x, Y.encodeStateAsUpdate(z))
    sharedText(x).insert(1, 'q')
    const forged = Y.encodeStateAsUpdate(x, Y.encodeStateVector(z))
    expect(Y.decodeUpdate(forged).structs[0].id).toEqual(Y.createID(w.clientID, 0))
    guard.check(forged)
    expect(guard.stats.shadow).toBe(1)
    guard.destroy()
  })

  test('a shadow unused for SHADOW_IDLE_CALLS idle() calls is dropped; using it starts the count again', () => {
    const doc = new Y.Doc({ gc: false })
    const guard = new ReplicaGuard(doc)
    // An update with a gap (it would go pending) is judged on the shadow.
    const gapped = () => {
      const late = new Y.Doc()
      sharedText(late).insert(0, 'a')
      const sv = Y.encodeStateVector(late)
      sharedText(late).insert(1, 'b')
      return Y.encodeStateAsUpdate(late, sv)
    }
    expect(guard.apply(gapped(), 'peer')).toBeNull()
    expect(guard.hasShadow).toBe(true)
    for (let i = 0; i < SHADOW_IDLE_CALLS - 1; i++) guard.idle()
    expect(guard.hasShadow).toBe(true)
    expect(guard.apply(gapped(), 'peer')).toBeNull()
    expect(guard.stats).toMatchObject({ shadow: 2, rebuilds: 1 })
    for (let i = 0; i < SHADOW_IDLE_CALLS - 1; i++) guard.idle()
    expect(guard.hasShadow).toBe(true)
    guard.idle()
    expect(guard.hasShadow).toBe(false)
    guard.destroy()
  })
})
