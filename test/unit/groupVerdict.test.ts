import { describe, expect, test } from 'vitest'
import { compareReplicas } from '../../src/core/compare'
import type { ReplicaInfo } from '../../src/core/replicaInfo'
import { sameGroup } from '../../src/state/live/networkView'
import { overallVerdict } from '../../src/state/live/overallVerdict'
import type { PeerView } from '../../src/state/live/PeerBook'

const SELF: ReplicaInfo = { clientID: 1, code: 'b', digest: 'g1', sv: { 1: 3 }, pending: false, waitingOn: {} }
const peer = (clientID: number, digest: string, sv: Record<string, number>): PeerView => {
  const info = { ...SELF, clientID, digest, sv, peerId: null }
  return { clientID, name: `P${clientID}`, color: '#000', label: 'A′', info, via: null, presence: 'here', lastSeen: 0, verdict: compareReplicas(SELF, info), unequalSince: -1e9 }
}

describe("a student's verdict while the class is split", () => {
  const peers = [peer(2, 'g1', { 1: 3 }), peer(3, 'g2', { 1: 3, 3: 4 }), peer(4, 'g2', { 1: 3, 3: 4 })]
  const group = { index: 0, count: 2, listed: [[1, 2], [3, 4]] }

  test('only its own group is compared: A = A′ inside the group, and the page says the others are apart', () => {
    const mine = sameGroup(group, peers.map((p) => p.clientID))
    expect([...mine]).toEqual([2])
    const v = overallVerdict(peers.filter((p) => mine.has(p.clientID)), true, 0, { group: 1, groups: 2 })
    expect(v.kind).toBe('equal')
    expect(v.detail).toBe('Same code and same state as the other replica of group 1. The teacher split the class: the other group is apart until the network heals.')
    // without the split the same peers differ
    expect(overallVerdict(peers, true, 0).kind).toBe('differs')
  })

  test('grammar: one more replica "differs", two more "differ"', () => {
    expect(overallVerdict([peers[1], peers[2]], true, 0).detail).toMatch(/\(and 1 more replica differs\)$/)
    expect(overallVerdict([peers[1], peers[2], peer(5, 'g3', { 1: 3, 5: 1 })], true, 0).detail).toMatch(/\(and 2 more replicas differ\)$/)
  })

  test('a replica listed in no group is in the first one; not split: everyone', () => {
    expect([...sameGroup(group, [2, 3, 9])]).toEqual([2, 9])
    expect([...sameGroup(null, [2, 3])]).toEqual([2, 3])
  })
})
