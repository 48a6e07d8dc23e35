// @vitest-environment happy-dom
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, test, vi } from 'vitest'
import * as Y from 'yjs'
import { compareReplicas } from '../../src/core/compare'
import { openPolicy } from '../../src/core/policy/NetworkPolicy'
import type { ReplicaInfo } from '../../src/core/replicaInfo'
import type { PeerView } from '../../src/state/live/PeerBook'
import { createPresentStore, type PresentActions, type PresentStore, setTiles } from '../../src/state/present/presentStore'
import { projectTiles, studentReach } from '../../src/state/present/tiles'
import { LiveStoreProvider } from '../../src/ui/live/liveContext'
import { gridShape, MIN_TILE_H, MIN_TILE_W } from '../../src/ui/present/gridShape'
import { PresentStoreProvider } from '../../src/ui/present/presentContext'
import { PresentView } from '../../src/ui/present/PresentView'
import { storeFor } from './helpers/liveFixtures'

const SELF: ReplicaInfo = { clientID: 1, code: 'b1', digest: 'd-same', sv: { 1: 4 }, pending: false, waitingOn: {} }
const info = (clientID: number, over: Partial<ReplicaInfo> = {}) => ({ ...SELF, clientID, ...over, peerId: `p${clientID}` })
const peer = (clientID: number, over: Partial<ReplicaInfo> = {}, view: Partial<PeerView> = {}): PeerView => {
  const i = info(clientID, over)
  return {
    clientID,
    name: `replica ${clientID}`,
    color: '#2563eb',
    label: 'A′',
    info: i,
    via: 'BroadcastChannel',
    presence: 'here',
    lastSeen: 0,
    verdict: compareReplicas(SELF, i),
    unequalSince: -60_000,
    ...view,
  }
}
const users = new Map([
  [1, { name: 'Teacher', color: '#2563eb' }],
  [2, { name: 'Ana', color: '#ea580c' }],
  [3, { name: 'Ben', color: '#16a34a' }],
  [4, { name: 'Cleo', color: '#9333ea' }],
])

const actionsSpy = (): { [K in keyof PresentActions]: ReturnType<typeof vi.fn> } => ({
  splitInTwo: vi.fn(),
  heal: vi.fn(),
  moveToGroup: vi.fn(),
  setCut: vi.fn(),
  setDelay: vi.fn(),
  setLoss: vi.fn(),
  forget: vi.fn(),
  takeOver: vi.fn(),
})

const setup = (peers: PeerView[], control: { ok: true } | { ok: false; reason: string } = { ok: true }, policy = openPolicy('r')) => {
  const actions = actionsSpy()
  const store: PresentStore = createPresentStore({ room: 'r', studentLink: 'http://x/?room=r&teacher=ab', control, actions: actions as unknown as PresentActions })
  store.setState({ policy })
  const project = (ps: PeerView[]) =>
    setTiles(store, projectTiles({ self: SELF, selfName: 'Teacher', selfColor: '#2563eb', peers: ps, users, applied: new Map(), policy: store.getState().policy, now: 0 }))
  project(peers)
  const live = storeFor(new Y.Doc())
  render(
    <LiveStoreProvider value={live}>
      <PresentStoreProvider value={store}>
        <PresentView />
      </PresentStoreProvider>
    </LiveStoreProvider>,
  )
  return { store, actions, project }
}

describe('presenter view from a store', () => {
  test('how students reach each other, from the links they publish: all pairs, some, none (client isolation)', () => {
    const { store } = setup([peer(2, {}, { via: 'relay' }), peer(3, {}, { via: 'relay' }), peer(4, {}, { via: 'relay' })])
    const tiles = store.getState().tiles
    expect(studentReach(tiles, new Map([[2, [3, 4]], [3, [2, 4]], [4, [2, 3]]]))).toBe('Students reach each other directly (all 3 pairs)')
    // Links are counted from either side; the wall's own links are not pairs of students.
    expect(studentReach(tiles, new Map([[1, [2, 3, 4]], [2, [3]], [3, []], [4, []]]))).toBe(
      "Students reach each other directly in 1 of 3 pairs; the others' edits pass through other devices, the relay or this wall",
    )
    // Isolated Wi-Fi: no student reaches another.
    act(() => setTiles(store, tiles, new Map([[2, []], [3, []], [4, []]])))
    expect(screen.getByTestId('student-reach').textContent).toBe(
      'Students reach no other student directly (0 of 3 pairs): the network keeps their devices apart, every edit goes through the relay or this wall.',
    )
    // Fewer than two students that publish links (a plain peer publishes none): nothing to say.
    act(() => setTiles(store, tiles, new Map([[2, []]])))
    expect(screen.queryByTestId('student-reach')).toBeNull()
  })

  test('the room-wide verdict: all equal, then "1 of 4 differ" with what differs, with a tile per replica', () => {
    const { project } = setup([peer(2), peer(3), peer(4)])
    expect(screen.getByTestId('room-verdict').textContent).toContain('A = A′ for all 4 replicas')
    expect(screen.getAllByTestId('tile')).toHaveLength(4)
    act(() => project([peer(2), peer(3, { digest: 'd-other', sv: { 1: 4, 3: 5 } }), peer(4)]))
    const v = screen.getByTestId('room-verdict')
    expect(v.getAttribute('data-verdict')).toBe('differs')
    expect(v.textContent).toContain('1 of 4 differ')
    expect(v.textContent).toContain("Teacher has not seen 5 of Ben's edits")
    expect(v.textContent).not.toContain('replica 3')
    const ben = screen.getByRole('listitem', { name: 'Ben' })
    expect(ben.getAttribute('data-verdict')).toBe('differs')
    expect(within(ben).getByTestId('tile-updates').textContent).toBe('9')
    expect(screen.getByRole('listitem', { name: 'Ana' }).getAttribute('data-verdict')).toBe('equal')
  })

  test('while split, each group agrees inside itself: "2 groups: A = A′ inside each; group 1 ≠ group 2", in plain words', () => {
    const split = { ...openPolicy('r'), version: 5, groups: [[1, 2], [3, 4]] }
    // Ana and the teacher (group 1) share one state; Ben and Cleo (group 2) another, with 2 edits of Ben's.
    const g1 = { digest: 'd-same', sv: { 1: 4 } }
    const g2 = { digest: 'd-g2', sv: { 1: 4, 3: 2 } }
    const { project } = setup([peer(2, g1), peer(3, g2), peer(4, g2)], { ok: true }, split)
    act(() => project([peer(2, g1), peer(3, g2), peer(4, g2)]))
    const v = screen.getByTestId('room-verdict')
    expect(v.getAttribute('data-verdict')).toBe('groups')
    expect(v.textContent).toContain('2 groups: A = A′ inside each; group 1 ≠ group 2')
    expect(v.textContent).toContain("group 1 has not seen 2 of Ben's edits")
    expect(v.textContent).not.toMatch(/lacks|updates from/)
    for (const name of ['Ana', 'Ben', 'Cleo']) expect(screen.getByRole('listitem', { name }).getAttribute('data-verdict')).toBe('equal')
    // Cleo drifts inside group 2: now group 2 disagrees inside itself, and the headline says so.
    act(() => project([peer(2, g1), peer(3, g2), peer(4, { digest: 'd-x', sv: { 1: 4, 3: 2, 4: 3 } })]))
    expect(screen.getByTestId('room-verdict').textContent).toContain('2 groups: 1 of 4 differ inside their group')
    expect(screen.getByRole('listitem', { name: 'Cleo' }).getAttribute('data-verdict')).toBe('differs')
    expect(screen.getByRole('listitem', { name: 'Cleo' }).getAttribute('title')).toBe("Ben has not seen 3 of Cleo's edits")
  })

  test('further tabs of one person are shown as theirs, and the policy version is not shown', () => {
    const twoTabs = new Map(users)
    twoTabs.set(4, { name: 'Ana', color: '#9333ea' })
    const store = createPresentStore({ room: 'r', studentLink: 'x', control: { ok: true }, actions: actionsSpy() as unknown as PresentActions })
    const tiles = projectTiles({ self: SELF, selfName: 'Teacher', selfColor: '#2563eb', peers: [peer(2), peer(4)], users: twoTabs, applied: new Map(), policy: { ...openPolicy('r'), version: 1796552058010 }, now: 0 })
    expect(tiles.map((t) => [t.name, t.tab])).toEqual([['Teacher', 1], ['Ana', 1], ['Ana', 2]])
    setTiles(store, tiles)
    store.setState({ policy: { ...openPolicy('r'), version: 1796552058010 } })
    render(
      <LiveStoreProvider value={storeFor(new Y.Doc())}>
        <PresentStoreProvider value={store}>
          <PresentView />
        </PresentStoreProvider>
      </LiveStoreProvider>,
    )
    expect(screen.getByRole('listitem', { name: 'Ana (tab 2)' }).textContent).toContain('tab 2')
    expect(screen.getByTestId('policy-summary').textContent).not.toContain('1796552058010')
  })

  test('a replica that left fades, is not counted, and can be forgotten', () => {
    const { actions } = setup([peer(2), peer(3, {}, { presence: 'left' })])
    expect(screen.getByTestId('room-verdict').textContent).toContain('A = A′ for all 2 replicas')
    const ben = screen.getByRole('listitem', { name: 'Ben' })
    expect(ben.className).toContain('tile-left')
    fireEvent.click(within(ben).getByRole('button', { name: 'Forget Ben' }))
    expect(actions.forget).toHaveBeenCalledWith(3)
  })

  test('controls call the actions: split, heal, cut off, drag a tile onto a group', () => {
    const { actions } = setup([peer(2), peer(3), peer(4)], { ok: true }, { ...openPolicy('r', 5), groups: [[1, 2], [3, 4]] })
    fireEvent.click(screen.getByRole('button', { name: 'Split the class in two' }))
    fireEvent.click(screen.getByRole('button', { name: 'Heal' }))
    fireEvent.click(screen.getByRole('button', { name: 'Cut off Ana' }))
    expect(actions.splitInTwo).toHaveBeenCalledTimes(1)
    expect(actions.heal).toHaveBeenCalledTimes(1)
    expect(actions.setCut).toHaveBeenCalledWith(2, true)
    expect(screen.getByTestId('bucket-1').textContent).toContain('Group 2 (2)')
    const data = new Map<string, string>()
    const dataTransfer = { setData: (k: string, v: string) => data.set(k, v), getData: (k: string) => data.get(k) ?? '', get types() { return [...data.keys()] }, effectAllowed: '' }
    fireEvent.dragStart(screen.getByRole('listitem', { name: 'Ana' }), { dataTransfer })
    fireEvent.drop(screen.getByTestId('bucket-1'), { dataTransfer })
    expect(actions.moveToGroup).toHaveBeenCalledWith(2, 1)
    fireEvent.drop(screen.getByTestId('bucket-new'), { dataTransfer })
    expect(actions.moveToGroup).toHaveBeenCalledWith(2, 2)
    expect(screen.getByTestId('policy-summary').textContent).toContain('split in 2 groups')
  })

  test('a refused presenter link: the reason is shown and the controls are off', () => {
    setup([peer(2)], { ok: false, reason: "The secret in this presenter link does not belong to this room's teacher key." })
    expect(screen.getByRole('alert').textContent).toContain('does not belong')
    expect((screen.getByRole('button', { name: 'Split the class in two' }) as HTMLButtonElement).disabled).toBe(true)
    expect((screen.getByRole('button', { name: 'Heal' }) as HTMLButtonElement).disabled).toBe(true)
    expect(screen.queryByRole('button', { name: 'Cut off Ana' })).toBeNull()
  })

  test('grid shape: 40 tiles fit the wall of a 1920×1080 screen without scrolling', () => {
    const s = gridShape(40, 1370, 760, 10)
    expect(s.cols * s.rows).toBeGreaterThanOrEqual(40)
    expect(s.rows * s.tileH + (s.rows - 1) * 10).toBeLessThanOrEqual(760)
    expect(s.tileW).toBeGreaterThanOrEqual(MIN_TILE_W)
    expect(s.tileH).toBeGreaterThanOrEqual(MIN_TILE_H)
  })

  test('grid shape: on a 1280×720 wall tiles keep their readable size and the rows scroll', () => {
    const s = gridShape(40, 790, 330, 10)
    expect(s.tileW).toBeGreaterThanOrEqual(MIN_TILE_W)
    expect(s.tileH).toBe(MIN_TILE_H)
    expect(s.cols).toBe(4)
    expect(s.rows).toBe(10)
    // a few tiles still grow to fill the box
    expect(gridShape(3, 790, 330, 10).tileH).toBeGreaterThan(MIN_TILE_H)
  })
})
