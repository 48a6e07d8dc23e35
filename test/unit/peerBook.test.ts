import { describe, expect, test } from 'vitest'
import type { ReplicaInfo } from '../../src/core/replicaInfo'
import type { Channel } from '../../src/net/LiveConnection'
import { readUser } from '../../src/core/replicaUser'
import type { PeerState, PublishedReplica } from '../../src/net/replicaAwareness'
import { PeerBook, REMEMBER_LEFT_MS, twinLabel } from '../../src/state/live/PeerBook'
import { CONVERGING_GRACE_MS, overallVerdict } from '../../src/state/live/overallVerdict'

const SELF: ReplicaInfo = { clientID: 1, code: 'build-1', digest: 'd-equal', sv: { 1: 3 }, pending: false, waitingOn: {} }

const published = (clientID: number, over: Partial<PublishedReplica> = {}): PublishedReplica => ({
  clientID,
  code: 'build-1',
  digest: 'd-equal',
  sv: { 1: 3 },
  pending: false,
  waitingOn: {},
  peerId: `peer-${clientID}`,
  ...over,
})

const peer = (clientID: number, replica: PublishedReplica | null = published(clientID)): PeerState => ({
  clientID,
  name: `replica ${clientID}`,
  color: '#2563eb',
  user: readUser(clientID, { name: `replica ${clientID}`, color: '#2563eb' }),
  replica,
  away: false,
})

const noVia = () => null
const viaBc = (peerId: string | null): Channel | null => (peerId === null ? null : 'BroadcastChannel')

describe('PeerBook and overallVerdict', () => {
  test('alone: nobody else, online and offline', () => {
    const book = new PeerBook()
    book.observe([], 0)
    const views = book.views(SELF, true, noVia, 0)
    expect(views).toEqual([])
    expect(overallVerdict(views, true, 0)).toEqual({
      kind: 'alone',
      headline: 'A',
      detail: 'Alone in this room. Open another replica to compare A with A′.',
    })
    expect(overallVerdict(views, false, 0)).toEqual({
      kind: 'alone',
      headline: 'A',
      detail: 'Offline and alone: edit freely, then go back online.',
    })
  })

  test('a peer that has published nothing yet is listed but not compared', () => {
    const book = new PeerBook()
    book.observe([peer(2, null)], 0)
    const views = book.views(SELF, true, noVia, 0)
    expect(views).toMatchObject([{ clientID: 2, info: null, verdict: null, presence: 'here' }])
    expect(overallVerdict(views, true, 0).kind).toBe('alone')
  })

  test('equal: one peer, then two peers', () => {
    const book = new PeerBook()
    book.observe([peer(2)], 1000)
    let views = book.views(SELF, true, viaBc, 1000)
    expect(views).toMatchObject([{ clientID: 2, presence: 'here', via: 'BroadcastChannel', unequalSince: null, verdict: { equal: true } }])
    expect(overallVerdict(views, true, 1000)).toEqual({ kind: 'equal', headline: 'A = A′', detail: 'Same code and same state as replica 2 (A′).' })
    book.observe([peer(3), peer(2)], 1100)
    views = book.views(SELF, true, viaBc, 1100)
    expect(views.map((v) => v.clientID)).toEqual([2, 3])
    expect(overallVerdict(views, true, 1100)).toEqual({
      kind: 'equal',
      headline: 'A = A′',
      detail: 'Same code and same state as every other replica (2).',
    })
  })

  test('unequal within the grace period reads "converging", after it "differs" with the first difference', () => {
    const book = new PeerBook()
    const t0 = 10_000
    book.observe([peer(2, published(2, { digest: 'd-behind', sv: { 1: 1 } }))], t0)
    let views = book.views(SELF, true, viaBc, t0)
    expect(views[0].unequalSince).toBe(t0)
    expect(overallVerdict(views, true, t0)).toEqual({ kind: 'converging', headline: 'A ≈ A′', detail: 'Updates in flight: converging…' })

    const late = t0 + CONVERGING_GRACE_MS - 1
    views = book.views(SELF, true, viaBc, late)
    expect(views[0].unequalSince).toBe(t0) // kept, not reset by later looks
    expect(overallVerdict(views, true, late).kind).toBe('converging')

    const after = t0 + CONVERGING_GRACE_MS
    views = book.views(SELF, true, viaBc, after)
    expect(overallVerdict(views, true, after)).toEqual({
      kind: 'differs',
      headline: 'A ≠ A′',
      detail: 'A′ lacks 2 updates from replica 1 (A)',
    })

    // It catches up: equal again, and the clock resets.
    book.observe([peer(2)], after + 10)
    views = book.views(SELF, true, viaBc, after + 10)
    expect(views[0].unequalSince).toBeNull()
    expect(overallVerdict(views, true, after + 10).kind).toBe('equal')
  })

  test('different code is "differs" at once, without grace', () => {
    const book = new PeerBook()
    book.observe([peer(2, published(2, { code: 'build-2' }))], 0)
    const views = book.views(SELF, true, viaBc, 0)
    expect(overallVerdict(views, true, 0)).toEqual({ kind: 'differs', headline: 'A ≠ A′', detail: 'code differs: build build-1 vs build-2' })
  })

  test('several unequal peers: the count of the others is named', () => {
    const book = new PeerBook()
    book.observe([peer(2, published(2, { digest: 'x', sv: {} })), peer(3, published(3, { digest: 'y', sv: {} })), peer(4, published(4, { digest: 'z', sv: {} }))], 0)
    expect(overallVerdict(book.views(SELF, true, viaBc, 0), true, 0).kind).toBe('converging')
    const views = book.views(SELF, true, viaBc, CONVERGING_GRACE_MS)
    expect(overallVerdict(views, true, CONVERGING_GRACE_MS).detail).toBe(
      'A′ lacks 3 updates from replica 1 (A) (and 2 more replicas differ)',
    )
  })

  test('a peer that leaves is compared as last seen, and forgotten after REMEMBER_LEFT_MS', () => {
    const book = new PeerBook()
    book.observe([peer(2, published(2, { digest: 'old', sv: { 1: 1 } }))], 0)
    book.observe([], 5000)
    let views = book.views(SELF, true, viaBc, 5000)
    expect(views).toMatchObject([{ clientID: 2, presence: 'left', via: null, lastSeen: 5000, info: { digest: 'old' } }])
    // Not "converging": a replica that left has nothing in flight.
    expect(overallVerdict(views, true, 5000)).toEqual({
      kind: 'differs',
      headline: 'A ≠ A′',
      detail: 'replica 2 (A′) left the room; as last seen, A′ lacks 2 updates from replica 1 (A)',
    })

    views = book.views(SELF, true, viaBc, 5000 + REMEMBER_LEFT_MS)
    expect(views).toHaveLength(1)
    views = book.views(SELF, true, viaBc, 5000 + REMEMBER_LEFT_MS + 1)
    expect(views).toEqual([])
  })

  test('a peer that left equal reads "equal, as last seen"', () => {
    const book = new PeerBook()
    book.observe([peer(2)], 0)
    book.observe([], 10)
    expect(overallVerdict(book.views(SELF, true, viaBc, 10), true, 10)).toEqual({
      kind: 'equal',
      headline: 'A = A′',
      detail: 'Same code and same state as replica 2 (A′), as last seen.',
    })
  })

  test('forget drops a replica that left, never one that is here', () => {
    const book = new PeerBook()
    book.observe([peer(2), peer(3)], 0)
    book.observe([peer(3)], 10)
    book.forget(3)
    book.forget(2)
    expect(book.views(SELF, true, viaBc, 10).map((v) => v.clientID)).toEqual([3])
    book.observe([peer(2), peer(3)], 20) // it comes back when it publishes again
    expect(book.views(SELF, true, viaBc, 20).map((v) => v.clientID)).toEqual([2, 3])
  })

  test('present peers are listed before the ones that left', () => {
    const book = new PeerBook()
    book.observe([peer(2), peer(9)], 0)
    book.observe([peer(9)], 10)
    expect(book.views(SELF, true, viaBc, 10).map((v) => [v.clientID, v.presence])).toEqual([
      [9, 'here'],
      [2, 'left'],
    ])
  })

  test('a peer that comes back is "here" again with its new state', () => {
    const book = new PeerBook()
    book.observe([peer(2, published(2, { digest: 'old', sv: { 1: 1 } }))], 0)
    book.observe([], 10)
    book.observe([peer(2)], 20)
    const views = book.views(SELF, true, viaBc, 20)
    expect(views).toMatchObject([{ presence: 'here', lastSeen: 20, info: { digest: 'd-equal' }, verdict: { equal: true } }])
  })

  test('offline: every peer is unreachable, shown as last seen, and is not forgotten', () => {
    const book = new PeerBook()
    book.observe([peer(2, published(2, { digest: 'behind', sv: { 1: 2 } }))], 0)
    book.observe([], 100) // going offline removes everyone from awareness
    let views = book.views(SELF, false, viaBc, 100)
    expect(views).toMatchObject([{ clientID: 2, presence: 'unreachable', via: null }])
    // Offline, an unequal peer is "differs" at once: nothing is in flight.
    expect(overallVerdict(views, false, 100)).toEqual({
      kind: 'differs',
      headline: 'A ≠ A′',
      detail: 'As last seen before going offline, A′ lacks 1 update from replica 1 (A)',
    })
    views = book.views(SELF, false, viaBc, 100 + REMEMBER_LEFT_MS * 10)
    expect(views).toHaveLength(1)
  })

  test('lastSeen moves only when what a peer publishes changes', () => {
    const book = new PeerBook()
    book.observe([peer(2)], 0)
    book.observe([peer(2)], 500)
    expect(book.views(SELF, true, viaBc, 500)[0].lastSeen).toBe(0)
    book.observe([peer(2, published(2, { digest: 'new' }))], 900)
    expect(book.views(SELF, true, viaBc, 900)[0].lastSeen).toBe(900)
  })
})

describe('twin labels', () => {
  test('A′, A″, A‴, then a prime with a subscript, in order of first sight', () => {
    expect([0, 1, 2, 3, 11].map(twinLabel)).toEqual(['A′', 'A″', 'A‴', 'A′₄', 'A′₁₂'])
  })

  test('named: sentences say who, with A and A′ only as roles; a hostile name arrives cleaned', () => {
    const book = new PeerBook()
    const ben: PeerState = { ...peer(2, published(2, { digest: 'd-other', sv: { 1: 1 } })) }
    const user = readUser(2, { name: '<script>Ben</script>' })
    book.observe([{ ...ben, user, name: user.name, color: user.color }, { ...peer(3), name: 'Cleo' }], 0)
    const views = book.views({ ...SELF, sv: { 1: 3, 3: 1 } }, true, viaBc, 0, 'Ana')
    expect(views[0].name).toBe('Ben')
    expect(views[0].verdict!.differences).toEqual(['Ben (A′) lacks 2 updates from Ana (A)', 'Ben (A′) lacks 1 update from Cleo'])
    expect(overallVerdict(views, true, 10_000)).toMatchObject({ headline: 'A ≠ A′', detail: 'Ben (A′) lacks 2 updates from Ana (A)' })
  })

  test('a peer that said it was going offline is "went offline" when it disappears, one that closed "left"', () => {
    const book = new PeerBook()
    const self = SELF
    // 2 wrote offline-to-be edits the others lack, so the verdict names it
    const drifted = published(2, { digest: 'd-other', sv: { 1: 3, 2: 4 } })
    book.observe([peer(2, drifted), peer(3)], 0)
    book.observe([{ ...peer(2, drifted), away: true }, peer(3)], 100)
    book.observe([], 500)
    const views = book.views(self, true, noVia, 600, 'Me')
    expect(views.find((v) => v.clientID === 2)).toMatchObject({ presence: 'left', wentOffline: true })
    expect(views.find((v) => v.clientID === 3)).toMatchObject({ presence: 'left', wentOffline: false })
    expect(overallVerdict(views, true, 600).detail).toContain('went offline')
    // back in the room: here again, nothing about going offline
    book.observe([peer(2)], 700)
    expect(book.views(self, true, noVia, 800).find((v) => v.clientID === 2)).toMatchObject({ presence: 'here', wentOffline: false })
  })
})
