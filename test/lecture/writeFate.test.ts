import { describe, expect, test } from 'vitest'
import { type ApproachId, createLecture } from '../../src/core/lecture'
import type { AppRequest, Op } from '../../src/core/lecture/cart'
import { type Authority, Ledger } from '../../src/core/lecture/Ledger'
import { liveMetrics } from './helpers'

const req = (id: number, op: Op): AppRequest => ({ id, user: 'u1', client: 'C', op, issuedAt: 0 })

/** A cart held as plain sets, one per copy; the eventual state is given separately. */
const holder = (items: string[], counter: number) => ({ hasItem: (_u: string, id: string) => items.includes(id), counter: () => counter })

describe('Ledger.fate: lost for good versus not yet everywhere', () => {
  const ledger = new Ledger()
  ledger.ack(req(1, { kind: 'add', item: { id: 'u1.a', sku: 'a', qty: 1, note: '' } }))
  ledger.ack(req(2, { kind: 'add', item: { id: 'u1.b', sku: 'b', qty: 1, note: '' } }))
  ledger.ack(req(3, { kind: 'remove', itemId: 'u1.a' }))
  ledger.ack(req(4, { kind: 'inc' }))
  ledger.ack(req(5, { kind: 'inc' }))

  test('a remove one replica has applied and the other has not yet heard of is on its way, not lost', () => {
    // A applied everything; A′ is behind a partition: it still holds a, lacks b, saw one increment.
    const auth: Authority = { ...holder(['u1.b'], 2), copies: () => [holder(['u1.b'], 2), holder(['u1.a'], 1)] }
    expect(ledger.fate(auth)).toEqual({ lostForGood: 0, notYetEverywhere: 3 })
    // What a union of the replicas said before: the remove of a counted as lost.
    const union: Authority = holder(['u1.a', 'u1.b'], 2)
    expect(ledger.fate(union).lostForGood).toBe(1)
  })

  test('one home, no copies: what is missing is lost for good, nothing is "on its way"', () => {
    expect(ledger.fate(holder(['u1.b'], 2))).toEqual({ lostForGood: 0, notYetEverywhere: 0 })
    expect(ledger.fate(holder([], 0))).toEqual({ lostForGood: 3, notYetEverywhere: 0 })
    expect(ledger.lost(holder([], 0))).toBe(3)
  })
})

const ALL: readonly ApproachId[] = ['shared-db', 'cache', 'cookies', 'functional', 'crdt', 'hybrid']

describe('the lecture during a partition', () => {
  test('CRDT replicas lose nothing for good at any moment; writes are "not yet everywhere" until healing, then 0', () => {
    const lecture = createLecture({ seed: 13, requestRate: 40 })
    lecture.advanceTo(2_000)
    lecture.inject('partition')
    let peak = { crdt: 0, hybrid: 0 }
    for (let t = 2_100; t <= 5_000; t += 100) {
      lecture.advanceTo(t)
      for (const id of ALL) expect(liveMetrics(lecture, id).dataLost, `${id} at ${t} ms`).toBe(0)
      for (const id of ['shared-db', 'cache', 'cookies', 'functional'] as const) expect(liveMetrics(lecture, id).notYetEverywhere).toBe(0)
      peak = { crdt: Math.max(peak.crdt, liveMetrics(lecture, 'crdt').notYetEverywhere), hybrid: Math.max(peak.hybrid, liveMetrics(lecture, 'hybrid').notYetEverywhere) }
    }
    expect(peak.crdt).toBeGreaterThan(10)
    expect(peak.hybrid).toBeGreaterThan(5)
    lecture.recover('partition')
    lecture.setRequestRate(0)
    lecture.advanceTo(6_000)
    for (const id of ['crdt', 'hybrid'] as const) expect(liveMetrics(lecture, id)).toMatchObject({ dataLost: 0, notYetEverywhere: 0 })
    lecture.destroy()
  })

  test('a replica killed while partitioned: what it had not shared is lost for good', () => {
    const lecture = createLecture({ seed: 14, requestRate: 40, approaches: ['crdt'] })
    lecture.advanceTo(1_000)
    lecture.inject('partition')
    lecture.advanceTo(3_000)
    lecture.inject('kill-a')
    lecture.advanceTo(3_010)
    expect(liveMetrics(lecture, 'crdt').dataLost).toBeGreaterThan(0)
    lecture.destroy()
  })
})
