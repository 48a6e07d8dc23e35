import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { compareReplicas } from '../../src/core/compare'
import { stateDigest } from '../../src/core/digest'
import { pendingOf } from '../../src/core/pending'
import type { ReplicaInfo } from '../../src/core/replicaInfo'
import { sharedText } from '../../src/core/schema'
import { stateVectorOf } from '../../src/core/stateVector'

const info = (over: Partial<ReplicaInfo> & Pick<ReplicaInfo, 'clientID'>): ReplicaInfo => ({
  code: 'abc',
  digest: 'd0',
  sv: {},
  pending: false,
  waitingOn: {},
  ...over,
})

/** What a real replica publishes. */
const infoOf = (doc: Y.Doc, code = 'abc'): ReplicaInfo => {
  const p = pendingOf(doc)
  return { clientID: doc.clientID, code, digest: stateDigest(doc), sv: stateVectorOf(doc), pending: p.has, waitingOn: p.waitingOn }
}

describe('compareReplicas: the words', () => {
  test('equal code and state: equal, no differences', () => {
    const a = info({ clientID: 1, sv: { 1: 4, 2: 7 } })
    const b = info({ clientID: 2, sv: { 1: 4, 2: 7 } })
    expect(compareReplicas(a, b)).toEqual({ equal: true, codeEqual: true, stateEqual: true, differences: [] })
  })

  test('A′ lacks updates from A, from itself, and from a third replica (plural and singular)', () => {
    const a = info({ clientID: 1, digest: 'x', sv: { 1: 5, 2: 3, 1234: 1 } })
    const b = info({ clientID: 2, digest: 'y', sv: { 1: 2, 2: 3 } })
    const v = compareReplicas(a, b)
    expect(v.equal).toBe(false)
    expect(v.stateEqual).toBe(false)
    expect(v.codeEqual).toBe(true)
    expect(v.differences).toEqual(['A′ lacks 3 updates from replica 1 (A)', 'A′ lacks 1 update from replica 1234'])
  })

  test('A lacks updates from A′ and from a third replica', () => {
    const a = info({ clientID: 1, digest: 'x', sv: { 1: 2 } })
    const b = info({ clientID: 2, digest: 'y', sv: { 1: 2, 2: 9, 1234: 3 } })
    expect(compareReplicas(a, b).differences).toEqual([
      'A lacks 9 updates from replica 2 (A′)',
      'A lacks 3 updates from replica 1234',
    ])
  })

  test('both directions at once: what A′ lacks first, then what A lacks', () => {
    const a = info({ clientID: 1, digest: 'x', sv: { 1: 3, 2: 1 } })
    const b = info({ clientID: 2, digest: 'y', sv: { 1: 1, 2: 2 } })
    expect(compareReplicas(a, b).differences).toEqual(['A′ lacks 2 updates from replica 1 (A)', 'A lacks 1 update from replica 2 (A′)'])
  })

  test('code differs, first among the differences, even when states are equal', () => {
    const a = info({ clientID: 1, code: 'abc', sv: { 1: 1 } })
    const b = info({ clientID: 2, code: 'def', sv: { 1: 1 } })
    expect(compareReplicas(a, b)).toEqual({
      equal: false,
      codeEqual: false,
      stateEqual: true,
      differences: ['code differs: build abc vs def'],
    })
    const c = info({ clientID: 2, code: 'def', digest: 'other', sv: { 1: 2 } })
    expect(compareReplicas(a, c).differences).toEqual(['code differs: build abc vs def', 'A lacks 1 update from replica 1 (A)'])
  })

  test('same inserts, different digests: the deletions differ', () => {
    const a = info({ clientID: 1, digest: 'x', sv: { 1: 3 } })
    const b = info({ clientID: 2, digest: 'y', sv: { 1: 3 } })
    expect(compareReplicas(a, b).differences).toEqual([
      'same inserts on both sides, but the deletions differ (a delete has not arrived everywhere)',
    ])
  })

  test('pending on either side makes the states unequal even with equal digests', () => {
    const a = info({ clientID: 1, pending: true, waitingOn: { 7: 4, 9: 0 } })
    const b = info({ clientID: 2 })
    expect(compareReplicas(a, b)).toEqual({
      equal: false,
      codeEqual: true,
      stateEqual: false,
      differences: ['A holds pending updates, waiting for earlier ones from replica 7, replica 9'],
    })
    const c = info({ clientID: 2, pending: true })
    expect(compareReplicas(b, c).differences).toEqual(['A′ holds pending updates it cannot apply yet'])
  })

  test('custom names', () => {
    const a = info({ clientID: 1, digest: 'x', sv: { 1: 2 } })
    const b = info({ clientID: 2, digest: 'y', sv: {} })
    expect(compareReplicas(a, b, { self: 'Alice', other: 'Bob' }).differences).toEqual(['Bob lacks 2 updates from replica 1 (Alice)'])
  })
})

describe('compareReplicas on real replicas', () => {
  test('follows real documents: lacks, deletions, pending, then equal', () => {
    const a = new Y.Doc()
    a.clientID = 101
    const b = new Y.Doc()
    b.clientID = 202
    const fromA: Uint8Array[] = []
    a.on('update', (u: Uint8Array) => fromA.push(u))

    sharedText(a).insert(0, 'abc')
    expect(compareReplicas(infoOf(a), infoOf(b)).differences).toEqual(['A′ lacks 3 updates from replica 101 (A)'])

    Y.applyUpdate(b, fromA[0])
    expect(compareReplicas(infoOf(a), infoOf(b)).equal).toBe(true)

    sharedText(a).delete(0, 1)
    expect(compareReplicas(infoOf(a), infoOf(b)).differences).toEqual([
      'same inserts on both sides, but the deletions differ (a delete has not arrived everywhere)',
    ])
    Y.applyUpdate(b, fromA[1])

    sharedText(a).insert(2, 'de') // fromA[2]
    sharedText(a).insert(4, 'f') // fromA[3], depends on fromA[2]
    Y.applyUpdate(b, fromA[3])
    const v = compareReplicas(infoOf(a), infoOf(b))
    expect(v.differences).toEqual([
      'A′ lacks 3 updates from replica 101 (A)',
      'A′ holds pending updates, waiting for earlier ones from replica 101',
    ])
    Y.applyUpdate(b, fromA[2])
    expect(compareReplicas(infoOf(a), infoOf(b))).toEqual({ equal: true, codeEqual: true, stateEqual: true, differences: [] })
    expect(compareReplicas(infoOf(a, 'abc'), infoOf(b, 'def')).differences).toEqual(['code differs: build abc vs def'])
  })
})
