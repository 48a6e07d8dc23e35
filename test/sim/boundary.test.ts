import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { stateDigest } from '../../src/core/digest'
import { addNote, sharedText } from '../../src/core/schema'
import { stateVectorOf } from '../../src/core/stateVector'
import { visibleContent } from '../../src/core/sim/convergence'
import { Delivery } from '../../src/core/sim/origins'
import { Replica } from '../../src/core/sim/Replica'
import { validatedOnce } from '../../src/core/sim/validatedOnce'
import { checkDecodes, validateUpdate } from '../../src/core/validate'
import { Payload } from '../../src/core/sim/SimMessage'
import { Simulation } from '../../src/core/sim/Simulation'

/** A document with some history, and an update that extends it (what a peer would send). */
const base = () => {
  const a = new Y.Doc()
  a.clientID = 7
  sharedText(a).insert(0, 'hello world')
  addNote(a, { text: 'n', x: 1, y: 2 })
  const before = Y.encodeStateAsUpdate(a)
  const sv = Y.encodeStateVector(a)
  sharedText(a).insert(5, ', brave new')
  sharedText(a).delete(0, 2)
  a.getMap('notes').forEach((n) => {
    ;(n as Y.Map<unknown>).set('x', 99)
  })
  return { before, update: Y.encodeStateAsUpdate(a, sv) }
}

const mutations = (u: Uint8Array): Uint8Array[] => {
  const out: Uint8Array[] = []
  for (let len = 1; len < u.length; len++) out.push(u.slice(0, len))
  for (let i = 0; i < u.length; i++) {
    for (let bit = 0; bit < 8; bit++) {
      const m = u.slice()
      m[i] ^= 1 << bit
      out.push(m)
    }
  }
  return out
}

describe('the replica boundary', () => {
  test('an update rejected at the boundary leaves the document unchanged (every truncation and bit flip of one update)', () => {
    const { before, update } = base()
    const fresh = () => {
      const doc = new Y.Doc()
      doc.clientID = 8
      const r = new Replica(1, 'A′', 1, doc, () => 0, () => {
        throw new Error('no local edits here')
      })
      r.receive(before, new Delivery(null, 0))
      return r
    }
    const probe = fresh()
    const digest0 = stateDigest(probe.doc)
    const content0 = visibleContent(probe.doc)
    const sv0 = JSON.stringify(stateVectorOf(probe.doc))
    let rejected = 0
    let accepted = 0
    let partial = 0
    for (const bad of mutations(update)) {
      const r = fresh()
      const err = r.receive(bad, new Delivery(null, 0))
      expect(r.opLog.at(-1)?.dir).toBe(err === null ? 'in' : 'rejected')
      if (err !== null && r.partiallyApplied.length > 0) {
        partial++
        expect(err.message).toContain('half-applied')
      }
      else if (err !== null) {
        rejected++
        expect(err.name).toBe('UpdateRejectedError')
        expect(stateDigest(r.doc)).toBe(digest0)
        expect(r.digest()).toBe(digest0)
        expect(visibleContent(r.doc)).toBe(content0)
        expect(JSON.stringify(stateVectorOf(r.doc))).toBe(sv0)
        expect(r.doc.store.pendingStructs).toBeNull()
        expect(r.doc.store.pendingDs).toBeNull()
      } else accepted++
      r.destroy()
    }
    console.log(
      `${update.length}-byte update: ${rejected} mutations rejected (document unchanged), ${accepted} accepted as valid updates, ${partial} passed validation but threw here after integrating a prefix`,
    )
    expect(rejected).toBeGreaterThan(100)
    // validateUpdate's known gap (it tries an empty scratch document only): flagged, never silent.
    expect(partial).toBeLessThan(10)
  })

  test('the memoized check gives checkDecodes’s verdict on every mutation, and refuses all that validateUpdate refuses for not decoding', () => {
    const { update } = base()
    for (const bad of mutations(update)) {
      const a = checkDecodes(bad)
      expect(validatedOnce(bad).ok).toBe(a.ok)
      const full = validateUpdate(bad)
      if (!full.ok && full.error.message.includes('does not decode')) expect(a.ok).toBe(false)
      expect(validatedOnce(bad)).toBe(validatedOnce(bad)) // cached
    }
  })

  test('a rejected message is marked, and the receiving document is untouched', () => {
    const sim = new Simulation({ seed: 2, replicas: 2, initialText: 'abc', link: { latencyMs: 5 } })
    const r = sim.replica(1)!
    const d0 = r.digest()
    for (const garbage of [new Uint8Array([1, 2, 3, 4, 5]), new Uint8Array([0]), new Uint8Array(0)]) {
      sim.network.send(0, 1, new Payload('update', garbage, 0))
    }
    sim.network.send(0, 1, new Payload('sync-step2', new Uint8Array([1, 9, 9]), 0))
    sim.network.send(0, 1, new Payload('sync-step1', new Uint8Array([7]), 0))
    sim.advanceTo(50)
    const ms = sim.log.messages
    expect(ms.map((m) => m.rejected)).toEqual(['malformed', 'malformed', 'empty', 'malformed', 'malformed'])
    expect(r.digest()).toBe(d0)
    expect(stateDigest(r.doc)).toBe(d0)
    expect(sharedText(r.doc).toString()).toBe('abc')
  })

  test('every update entering a replica is logged once, with the message that brought it', () => {
    const sim = new Simulation({ seed: 3, replicas: 3, link: { latencyMs: 10, duplicate: 0.3 } })
    sim.startWorkload({ rate: 100, limit: 50 })
    sim.advanceTo(5000)
    for (const r of sim.replicas) {
      const delivered = sim.log.messages.filter((m) => m.to === r.id && m.receivedAt !== null && m.kind === 'update')
      const ins = r.opLog.filter((e) => e.dir === 'in')
      expect(ins.map((e) => e.messageId)).toEqual(delivered.map((m) => m.id))
      const outs = r.opLog.filter((e) => e.dir === 'out')
      expect(outs.length).toBe(sim.log.messages.filter((m) => m.from === r.id && m.kind === 'update' && m.duplicateOf === null).length / 2)
    }
  })

  test('a hand edit on a replica’s document is broadcast and recorded as an action', () => {
    const sim = new Simulation({ seed: 4, replicas: 3, link: { latencyMs: 10 } })
    let notified = 0
    const off = sim.subscribe(() => notified++)
    const doc = sim.replica(1)!.doc
    sharedText(doc).insert(0, 'typed by hand')
    expect(notified).toBe(1)
    expect(sim.actions.at(-1)?.action.type).toBe('handEdit')
    const sent = sim.log.messages.filter((m) => m.from === 1)
    expect(sent.map((m) => m.to)).toEqual([0, 2])
    expect(sent[0].summary).toContain('typed by hand')
    sim.advanceTo(100)
    expect(sim.replicas.map((r) => sharedText(r.doc).toString())).toEqual(['typed by hand', 'typed by hand', 'typed by hand'])
    off()
    sharedText(doc).insert(0, '!')
    expect(notified).toBe(2) // once for the first hand edit, once for advanceTo; none after unsubscribing
  })

  test('summaries say what an update carries', () => {
    const sim = new Simulation({ seed: 5, replicas: 2, link: { latencyMs: 1 }, initialText: 'hello' })
    sim.edit(0, { type: 'insertText', index: 0, text: 'ab' })
    sim.edit(0, { type: 'deleteText', index: 0, length: 3 })
    sim.edit(0, { type: 'counter', delta: 1 })
    const id = sim.edit(0, { type: 'addNote', text: 'x' }) as string
    sim.edit(0, { type: 'recolorNote', id, color: '#bbf7d0' })
    sim.advanceTo(10)
    sim.setAntiEntropy(true, 100)
    sim.advanceTo(300)
    const kinds = new Map(sim.log.messages.map((m) => [m.summary, m.kind]))
    expect([...kinds.keys()]).toEqual(
      expect.arrayContaining(['+"ab" text', '−3 text', 'counter +1', 'notes.add', 'note.color #bbf7d0', expect.stringMatching(/^sv \d writers?, \d+ ops$/), expect.stringMatching(/^diff \d+ ops?/)]),
    )
  })
})
