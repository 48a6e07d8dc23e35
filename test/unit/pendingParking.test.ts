import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { pendingOf } from '../../src/core/pending'
import { PARKED_MAX_MS, PendingParking } from '../../src/core/PendingParking'

const REMOTE = Symbol('remote')

/** A replica with honest text, and `park` wired as the live room wires it (take after every transaction). */
const replica = () => {
  const doc = new Y.Doc({ gc: false })
  doc.clientID = 1
  doc.getText('text').insert(0, 'honest text')
  const parking = new PendingParking(doc)
  let now = 0
  const drops: ReturnType<PendingParking['take']>[] = []
  const retries: boolean[] = []
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    retries.push(parking.retryDue(tr))
    const d = parking.take(tr.origin, now)
    if (d !== null) drops.push(d)
  })
  return { doc, parking, drops, retries, at: (t: number) => (now = t) }
}

/** Writer 987654321's update from clock 4,999,000 (earlier clocks never sent), and the part before it. */
const farWriter = () => {
  const w = new Y.Doc()
  w.clientID = 987654321
  w.getText('text').insert(0, 'x'.repeat(3000))
  const before = Y.encodeStateVector(w)
  const gap = Y.encodeStateAsUpdate(w)
  w.getText('text').insert(0, 'from nowhere')
  return { far: Y.encodeStateAsUpdate(w, before), gap }
}

describe('PendingParking', () => {
  test('keeps pending structs out of the document, so a sync step 2 it sends carries only what it integrated', () => {
    const { doc, parking } = replica()
    const { far } = farWriter()
    Y.applyUpdate(doc, far, REMOTE)
    expect(doc.store.pendingStructs).toBeNull()
    expect(parking.bytes).toBeGreaterThan(0)
    expect(pendingOf(doc)).toMatchObject({ has: true, waitingOn: { '987654321': 2999 } })
    // A newcomer's sync step 2: the honest text only, nothing pending for it.
    const newcomer = new Y.Doc()
    Y.applyUpdate(newcomer, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(newcomer)))
    expect(newcomer.getText('text').toString()).toBe('honest text')
    expect(newcomer.store.pendingStructs).toBeNull()
  })

  test('integrates a parked update once what it waits for arrives, with the origin it came with', () => {
    const { doc, parking, retries } = replica()
    const { far, gap } = farWriter()
    Y.applyUpdate(doc, far, REMOTE)
    Y.applyUpdate(doc, gap, REMOTE)
    expect(retries.at(-1)).toBe(true)
    const origins: unknown[] = []
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin))
    expect(parking.retry(0)).toBeNull()
    expect(doc.getText('text').toString()).toContain('from nowhere')
    expect(parking.bytes).toBe(0)
    expect(origins).toEqual([REMOTE])
    expect(pendingOf(doc).has).toBe(false)
  })

  test('a local keystroke does not make it retry structs that wait for another writer', () => {
    const { doc, retries } = replica()
    Y.applyUpdate(doc, farWriter().far, REMOTE)
    doc.getText('text').insert(0, 'a')
    expect(retries.at(-1)).toBe(false)
  })

  test('drops what waited longer than its bound, and says what it waited for', () => {
    const { doc, parking, at } = replica()
    at(1000)
    Y.applyUpdate(doc, farWriter().far, REMOTE)
    expect(parking.expire(1000 + PARKED_MAX_MS)).toBeNull()
    const d = parking.expire(1001 + PARKED_MAX_MS)
    expect(d).toMatchObject({ why: 'time', waitingOn: { '987654321': 2999 } })
    expect(parking.bytes).toBe(0)
    expect(pendingOf(doc).has).toBe(false)
    expect(doc.getText('text').toString()).toBe('honest text')
  })

  test('drops everything parked once it grows past its size bound', () => {
    const doc = new Y.Doc({ gc: false })
    const parking = new PendingParking(doc, PARKED_MAX_MS, 2000)
    const drops: unknown[] = []
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      const d = parking.take(tr.origin, 0)
      if (d !== null) drops.push(d)
    })
    const w = new Y.Doc()
    w.clientID = 42
    w.getText('text').insert(0, 'a')
    const sv = Y.encodeStateVector(w)
    for (let i = 0; i < 5; i++) {
      const before = Y.encodeStateVector(w)
      w.getText('text').insert(0, 'y'.repeat(800))
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(w, before), REMOTE)
    }
    expect(sv.byteLength).toBeGreaterThan(0)
    expect(drops).toEqual([expect.objectContaining({ why: 'size' })])
    expect(parking.bytes).toBeLessThanOrEqual(2000)
  })
})
