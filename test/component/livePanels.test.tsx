// @vitest-environment happy-dom
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { compareReplicas } from '../../src/core/compare'
import { stateDigest } from '../../src/core/digest'
import { pendingOf } from '../../src/core/pending'
import type { ReplicaInfo } from '../../src/core/replicaInfo'
import { addNote, listNotes, sharedText } from '../../src/core/schema'
import { stateVectorOf } from '../../src/core/stateVector'
import { stateTree, writerStats } from '../../src/core/tree'
import type { PublishedReplica } from '../../src/net/replicaAwareness'
import type { PeerView } from '../../src/state/live/PeerBook'
import { type LiveStore, pushNotice } from '../../src/state/live/liveStore'
import { StateVectorTable } from '../../src/ui/widgets/StateVectorTable'
import { UpdateLog } from '../../src/ui/widgets/UpdateLog'
import { mockActions, renderLive, storeFor } from './helpers/liveFixtures'

const newDoc = (clientID: number) => {
  const d = new Y.Doc()
  d.clientID = clientID
  return d
}

/** What startLiveRoom's frame does for this replica's own state. */
const projectSelf = (store: LiveStore, doc: Y.Doc) =>
  act(() => {
    const s = store.getState()
    store.setState({
      self: {
        ...s.self,
        digest: stateDigest(doc),
        sv: stateVectorOf(doc),
        pending: pendingOf(doc),
        writers: writerStats(doc),
        tree: stateTree(doc),
        frames: s.self.frames + 1,
      },
    })
  })

const infoOf = (doc: Y.Doc, code = 'build-1'): PublishedReplica => {
  const p = pendingOf(doc)
  return { clientID: doc.clientID, code, digest: stateDigest(doc), sv: stateVectorOf(doc), pending: p.has, waitingOn: p.waitingOn, peerId: `peer-${doc.clientID}` }
}

const peerView = (self: ReplicaInfo, info: PublishedReplica, over: Partial<PeerView> = {}): PeerView => {
  const verdict = compareReplicas(self, info)
  return {
    clientID: info.clientID,
    name: `replica ${info.clientID}`,
    color: '#ea580c',
    label: 'A′',
    info,
    via: 'BroadcastChannel',
    presence: 'here',
    lastSeen: Date.now(),
    verdict,
    unequalSince: verdict.equal ? null : Date.now() - 60_000,
    ...over,
  }
}

describe('LiveView over a store and a real Y.Doc', () => {
  test('renders every panel; alone at first', () => {
    const doc = newDoc(1001)
    const store = storeFor(doc)
    renderLive(store)
    expect(screen.getByRole('heading', { name: /This tab: Ana/ })).toBeTruthy()
    expect(screen.getByTestId('verdict').getAttribute('data-verdict')).toBe('alone')
    expect(screen.getByTestId('self-code').textContent).toBe('build-1')
    expect(screen.getByText(/None yet/)).toBeTruthy()
    expect(screen.getByText('No writes yet: every state vector is empty.')).toBeTruthy()
    expect(screen.getByTestId('no-signaling')).toBeTruthy()
  })

  test('SelfPanel follows the store: digest, ops held, pending', () => {
    const doc = newDoc(1001)
    const store = storeFor(doc)
    renderLive(store)
    sharedText(doc).insert(0, 'hello')
    projectSelf(store, doc)
    expect(screen.getByTestId('self-digest').textContent).toBe(stateDigest(doc).slice(0, 8))
    expect(screen.getByTestId('self-pending').textContent).toBe('none')

    // An update that depends on one this replica lacks: it waits.
    const other = newDoc(7)
    const ups: Uint8Array[] = []
    other.on('update', (u: Uint8Array) => ups.push(u))
    sharedText(other).insert(0, 'ab')
    sharedText(other).insert(2, 'cd')
    Y.applyUpdate(doc, ups[1])
    projectSelf(store, doc)
    expect(screen.getByTestId('self-pending').textContent).toBe(`yes: ${pendingOf(doc).bytes} bytes waiting for replica 7`)
    Y.applyUpdate(doc, ups[0])
    projectSelf(store, doc)
    expect(screen.getByTestId('self-pending').textContent).toBe('none')
    expect(screen.getByTestId('self-digest').textContent).toBe(stateDigest(doc).slice(0, 8))
  })

  test('PeersPanel and the verdict banner: words of the difference, then equal once the update arrives', () => {
    const a = newDoc(1001)
    const b = newDoc(2002)
    const store = storeFor(a)
    renderLive(store)
    sharedText(a).insert(0, 'abc')
    projectSelf(store, a)
    const self = { ...store.getState().self, pending: false, waitingOn: {} }

    act(() => store.setState({ peers: [peerView(self, infoOf(b))] }))
    const card = document.querySelector('[data-peer="2002"]') as HTMLElement
    expect(within(card).getByText('differs from this tab')).toBeTruthy()
    expect(within(card).getByText('A′ lacks 3 updates from replica 1001 (A)')).toBeTruthy()
    expect(within(card).getByText('reached by BroadcastChannel (same browser)')).toBeTruthy()
    expect(screen.getByTestId('verdict').getAttribute('data-verdict')).toBe('differs')
    expect(screen.getByTestId('verdict').textContent).toContain('A′ lacks 3 updates from replica 1001 (A)')
    expect(screen.getByRole('heading', { name: 'Other replicas (1 in the room)' })).toBeTruthy()

    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    act(() => store.setState({ peers: [peerView(self, infoOf(b))] }))
    const after = document.querySelector('[data-peer="2002"]') as HTMLElement
    expect(within(after).getByText('same as this tab')).toBeTruthy()
    expect(within(after).queryByText(/lacks/)).toBeNull()
    expect(screen.getByTestId('verdict').getAttribute('data-verdict')).toBe('equal')
    expect(screen.getByTestId('verdict').textContent).toContain('A = A′')
  })

  test('PeersPanel: code difference, a peer with no state yet, and Forget for one that left', () => {
    const a = newDoc(1001)
    const actions = mockActions()
    const store = storeFor(a, actions)
    renderLive(store)
    projectSelf(store, a)
    const self = { ...store.getState().self, pending: false, waitingOn: {} }
    const b = newDoc(2002)
    act(() =>
      store.setState({
        peers: [
          peerView(self, infoOf(b, 'build-2')),
          { clientID: 3003, name: 'replica 3003', color: '#16a34a', label: 'A″', info: null, via: null, presence: 'here', lastSeen: Date.now(), verdict: null, unequalSince: null },
          peerView(self, infoOf(newDoc(4004)), { presence: 'left', via: null }),
        ],
      }),
    )
    expect(within(document.querySelector('[data-peer="2002"]') as HTMLElement).getByText('code differs: build build-1 vs build-2')).toBeTruthy()
    expect(within(document.querySelector('[data-peer="3003"]') as HTMLElement).getByText('no state yet')).toBeTruthy()
    const left = document.querySelector('[data-peer="4004"]') as HTMLElement
    expect(within(left).getByText(/left the room/)).toBeTruthy()
    fireEvent.click(within(left).getByRole('button', { name: 'Forget' }))
    expect(actions.forgetPeer).toHaveBeenCalledWith(4004)
    expect(within(document.querySelector('[data-peer="2002"]') as HTMLElement).queryByRole('button', { name: 'Forget' })).toBeNull()
  })

  test('StateVectorTable in PeersPanel marks the gaps of the replica that lags', () => {
    const a = newDoc(1001)
    const b = newDoc(2002)
    const store = storeFor(a)
    renderLive(store)
    sharedText(a).insert(0, 'abcde')
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    sharedText(a).insert(5, 'fgh') // b lacks these 3
    sharedText(b).insert(0, 'xy') // a lacks these 2
    projectSelf(store, a)
    const self = { ...store.getState().self, pending: false, waitingOn: {} }
    act(() => store.setState({ peers: [peerView(self, infoOf(b))] }))
    const table = document.querySelector('table.sv-table') as HTMLTableElement
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => [td.textContent, td.className, td.title]))
    // Columns: writer 1001, writer 2002. Rows: A (this tab), replica 2002.
    expect(rows).toEqual([
      [
        ['8', '', 'complete'],
        ['0 −2', 'gap', 'lacks 2'],
      ],
      [
        ['5 −3', 'gap', 'lacks 3'],
        ['2', '', 'complete'],
      ],
    ])
  })

  test('StateVectorTable alone: writers sorted numerically, a caption, the empty case', () => {
    const { rerender } = render(
      <StateVectorTable
        caption="who has what"
        rows={[
          { clientID: 10, label: 'A', sv: { 10: 1, 9: 4 } },
          { clientID: 9, label: 'B', sv: { 9: 4 } },
        ]}
      />,
    )
    expect(screen.getByText('who has what')).toBeTruthy()
    const heads = [...document.querySelectorAll('thead th')].map((th) => th.textContent?.trim())
    expect(heads).toEqual(['replica \\ writer', '9', '10'])
    expect(document.querySelectorAll('td.gap')).toHaveLength(1)
    rerender(<StateVectorTable rows={[{ clientID: 1, label: 'A', sv: {} }]} />)
    expect(screen.getByText('No writes yet: every state vector is empty.')).toBeTruthy()
  })

  test('UpdateLog in the inspector: newest first, direction, peer, bytes, summary, total', () => {
    const doc = newDoc(1001)
    const store = storeFor(doc)
    renderLive(store)
    const t = Date.UTC(2026, 0, 1, 12, 0, 0)
    act(() =>
      store.setState({
        log: [
          { seq: 0, time: t, dir: 'out', peer: 'to the room', bytes: 21, summary: 'text +"hello"' },
          { seq: 1, time: t + 5, dir: 'in', peer: 'from replica 7 via BroadcastChannel', bytes: 30, summary: 'counter.7 = 1' },
          { seq: 2, time: t + 9, dir: 'rejected', peer: 'via WebRTC', bytes: 44, summary: 'malformed update: the update does not decode' },
        ],
        logTotal: 3,
      }),
    )
    expect(screen.getByText('3 updates so far.')).toBeTruthy()
    const rows = [...document.querySelectorAll('table.log tbody tr')].map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent))
    expect(rows).toEqual([
      ['⛔ refused', 'via WebRTC', '44', 'malformed update: the update does not decode'],
      ['↓ in', 'from replica 7 via BroadcastChannel', '30', 'counter.7 = 1'],
      ['↑ local', 'to the room', '21', 'text +"hello"'],
    ])
  })

  test('UpdateLog alone says how many of how many are shown', () => {
    render(<UpdateLog entries={[{ seq: 9, time: 0, dir: 'in', peer: 'p', bytes: 1, summary: 's' }]} total={10} />)
    expect(screen.getByText('10 updates so far, the newest 1 shown.')).toBeTruthy()
  })

  test('StateTree tab shows the document and follows it', () => {
    const doc = newDoc(1001)
    const store = storeFor(doc)
    renderLive(store)
    fireEvent.click(screen.getByRole('tab', { name: 'State tree' }))
    expect(screen.getByText('The document is empty.')).toBeTruthy()
    sharedText(doc).insert(0, 'tree text')
    addNote(doc, { text: 'note text', x: 5 })
    projectSelf(store, doc)
    const tree = document.querySelector('ul.state-tree') as HTMLElement
    expect(tree.textContent).toContain('"tree text"')
    expect(tree.textContent).toContain('notes')
    expect(tree.textContent).toContain('"note text"')
    sharedText(doc).insert(0, 'more ')
    projectSelf(store, doc)
    expect(tree.textContent).toContain('"more tree text"')

    fireEvent.click(screen.getByRole('tab', { name: 'Ops per writer' }))
    expect([...document.querySelectorAll('table.log tbody td')].map((td) => td.textContent)).toEqual(['Ana 1001', String(writerStats(doc)[0].ops), '0'])
  })

  test('the shared textarea shows a remote change at once, without a store update', () => {
    const doc = newDoc(1001)
    sharedText(doc).insert(0, 'local')
    const store = storeFor(doc)
    renderLive(store)
    const ta = screen.getByRole('textbox', { name: 'Shared text' }) as HTMLTextAreaElement
    expect(ta.value).toBe('local')
    const other = newDoc(2002)
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    sharedText(other).insert(0, 'remote + ')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)))
    expect(ta.value).toBe('remote + local')
    // Typing in it writes to the document.
    ta.value = 'remote + local!'
    fireEvent.input(ta)
    expect(sharedText(doc).toString()).toBe('remote + local!')
  })

  test('counter buttons call the actions; the value and entries come from the store', () => {
    const doc = newDoc(1001)
    const actions = mockActions()
    const store = storeFor(doc, actions)
    renderLive(store)
    fireEvent.click(screen.getByRole('button', { name: '+1' }))
    fireEvent.click(screen.getByRole('button', { name: '−1' }))
    fireEvent.click(screen.getByRole('button', { name: '+1' }))
    expect(actions.addToCounter.mock.calls).toEqual([[1], [-1], [1]])
    act(() => store.setState({ counter: { value: 5, own: 2, entries: [['1001', 2], ['2002', 3]] } }))
    expect(screen.getByLabelText('Counter value').textContent).toBe('5')
    expect(document.querySelector('.counter-entries')?.textContent).toContain('+3')
  })

  test('notes board: add, recolour, edit and delete call the actions with the note id', () => {
    const doc = newDoc(1001)
    const actions = mockActions()
    const store = storeFor(doc, actions)
    renderLive(store)
    expect(screen.getByText(/No notes yet/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: '+ Add note' }))
    expect(actions.addNote).toHaveBeenCalledTimes(1)

    const id = addNote(doc, { text: 'first', x: 10, y: 20 })
    act(() => store.setState({ notes: listNotes(doc) }))
    const note = document.querySelector(`[data-note-id="${id}"]`) as HTMLElement
    expect((within(note).getByRole('textbox', { name: 'Note text' }) as HTMLTextAreaElement).value).toBe('first')
    fireEvent.click(within(note).getByRole('button', { name: 'Colour #bfdbfe' }))
    expect(actions.updateNote).toHaveBeenLastCalledWith(id, { color: '#bfdbfe' })
    fireEvent.change(within(note).getByRole('textbox', { name: 'Note text' }), { target: { value: 'first!' } })
    expect(actions.updateNote).toHaveBeenLastCalledWith(id, { text: 'first!' })
    fireEvent.click(within(note).getByRole('button', { name: 'Delete note' }))
    expect(actions.deleteNote).toHaveBeenCalledWith(id)
  })

  test('notices: an error is an alert, a warning a status; dismiss calls the action', () => {
    const doc = newDoc(1001)
    const actions = mockActions()
    const store = storeFor(doc, actions)
    renderLive(store)
    expect(screen.queryByRole('alert')).toBeNull()
    let errorId = 0
    act(() => {
      pushNotice(store, 'warning', 'The room name "a b" is not valid.', 0)
      errorId = pushNotice(store, 'error', 'Refused a malformed message from BroadcastChannel: broken.', 1)
    })
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('Refused a malformed message from BroadcastChannel: broken.')
    const list = screen.getByRole('list', { name: 'Messages' })
    expect(within(list).getByText('The room name "a b" is not valid.').closest('li')?.getAttribute('role')).toBe('status')
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }))
    expect(actions.dismissNotice).toHaveBeenCalledWith(errorId)
  })

  test('top bar: the offline switch and "Open another replica" call the actions', () => {
    const doc = newDoc(1001)
    const actions = mockActions()
    const store = storeFor(doc, actions)
    renderLive(store)
    fireEvent.click(screen.getByRole('switch'))
    expect(actions.setOnline).toHaveBeenCalledWith(false)
    fireEvent.click(screen.getByRole('button', { name: 'Open another replica' }))
    expect(actions.openAnotherReplica).toHaveBeenCalledTimes(1)
    act(() => store.setState({ online: false }))
    expect(screen.getByRole('heading', { name: /This tab: Ana/ }).textContent).toContain('off the network')
  })
})
