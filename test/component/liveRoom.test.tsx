// @vitest-environment happy-dom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, test, vi } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { malformedUpdateMessage } from '../../src/app/live/malformedUpdateMessage'
import { type LiveRoom, startLiveRoom } from '../../src/app/live/startLiveRoom'
import { colorAt } from '../../src/core/colors'
import { stateDigest } from '../../src/core/digest'
import { counterValue, listNotes, sharedText } from '../../src/core/schema'
import { stateVectorOf } from '../../src/core/stateVector'
import { untagMessage } from '../../src/net/broadcastTag'
import { LiveView } from '../../src/ui/live/LiveView'
import { LiveStoreProvider } from '../../src/ui/live/liveContext'
import { SafetyStoreProvider } from '../../src/ui/live/safetyContext'

const CODE = 'test-build'
let roomCounter = 0

/**
 * Another tab of the same browser, played by hand: a Y.Doc and an Awareness that speak y-webrtc's
 * BroadcastChannel protocol on a raw channel. Messages from the room are applied to its doc only
 * when `listen` is on, so the test decides when A′ catches up.
 */
class FakeTab {
  readonly doc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  readonly channel: BroadcastChannel
  listen = true
  received = 0

  constructor(room: string) {
    this.channel = new BroadcastChannel(room)
    this.channel.onmessage = (e: MessageEvent) => {
      this.received++
      // The app's tabs tag what they post with their sender (src/net/broadcastTag.ts).
      const d = decoding.createDecoder(new Uint8Array(untagMessage(e.data).payload as ArrayBufferLike))
      const type = decoding.readVarUint(d)
      if (type === 1) awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(d), 'room')
      if (!this.listen || type !== 0) return
      const reply = encoding.createEncoder()
      encoding.writeVarUint(reply, 0)
      syncProtocol.readSyncMessage(d, reply, this.doc, 'room')
    }
  }

  post(write: (e: encoding.Encoder) => void): void {
    const e = encoding.createEncoder()
    write(e)
    this.channel.postMessage(encoding.toUint8Array(e))
  }

  /** Sends everything this tab has as one sync update. */
  sendState(): void {
    this.post((e) => {
      encoding.writeVarUint(e, 0)
      syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(this.doc))
    })
  }

  /** Publishes what a replica of the app publishes: user and replica info. */
  publish(code = CODE, user: Record<string, unknown> = { name: '<b>Ben</b>', color: '#16a34a' }): void {
    this.awareness.setLocalState({
      user,
      replica: { clientID: this.doc.clientID, code, digest: stateDigest(this.doc), sv: stateVectorOf(this.doc), pending: false, waitingOn: {}, peerId: 'fake-tab' },
    })
    this.post((e) => {
      encoding.writeVarUint(e, 1)
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]))
    })
  }

  close(): void {
    this.channel.close()
    this.awareness.destroy()
    this.doc.destroy()
  }
}

const open: Array<{ room: LiveRoom; tab: FakeTab }> = []
afterEach(() => {
  for (const { room, tab } of open.splice(0)) {
    room.destroy()
    tab.close()
  }
})

const start = () => {
  const name = `live-room-test-${process.pid}-${++roomCounter}`
  const room = startLiveRoom({ room: name, signaling: [], link: `http://localhost:5173/?room=${name}`, code: CODE, problems: [], openTab: vi.fn(), storage: null })
  const tab = new FakeTab(name)
  open.push({ room, tab })
  render(
    <LiveStoreProvider value={room.store}>
      <SafetyStoreProvider value={room.safety.store}>
        <LiveView />
      </SafetyStoreProvider>
    </LiveStoreProvider>,
  )
  return { room, tab, name }
}

const WAIT = { timeout: 4000 }

describe('startLiveRoom in happy-dom (y-webrtc, signaling: [], BroadcastChannel)', () => {
  test('a remote change through the guarded BroadcastChannel reaches the doc, the textarea at once, and the log', async () => {
    const { room, tab } = start()
    await waitFor(() => expect(room.connection.getSnapshot().peerId).not.toBeNull(), WAIT)
    const ta = screen.getByRole('textbox', { name: 'Shared text' }) as HTMLTextAreaElement
    // "At once": when the doc announces the update, the textarea already shows it.
    const seenInTextarea: string[] = []
    room.doc.on('update', () => seenInTextarea.push(ta.value))

    sharedText(tab.doc).insert(0, 'from the other tab')
    tab.sendState()
    await waitFor(() => expect(sharedText(room.doc).toString()).toBe('from the other tab'), WAIT)
    expect(seenInTextarea).toEqual(['from the other tab'])
    expect(ta.value).toBe('from the other tab')

    await waitFor(() => expect(screen.getByText(`from replica ${tab.doc.clientID} via BroadcastChannel`)).toBeTruthy(), WAIT)
    const row = screen.getByText(`from replica ${tab.doc.clientID} via BroadcastChannel`).closest('tr') as HTMLElement
    expect(within(row).getByText('↓ in')).toBeTruthy()
    expect(within(row).getByText('typed “from the other tab” in the text')).toBeTruthy()
    // Once the other tab says its name, the same row names it: names are filled in when shown.
    tab.publish()
    await waitFor(() => expect(row.textContent).toContain('from Ben via BroadcastChannel'), WAIT)
  })

  test('the peer panel follows what the other tab publishes: equal, then lacking, then equal again', async () => {
    const { room, tab } = start()
    await waitFor(() => expect(room.connection.getSnapshot().peerId).not.toBeNull(), WAIT)
    sharedText(tab.doc).insert(0, 'shared start')
    tab.sendState()
    await waitFor(() => expect(sharedText(room.doc).toString()).toBe('shared start'), WAIT)
    tab.publish()
    const card = () => document.querySelector(`[data-peer="${tab.doc.clientID}"]`) as HTMLElement | null
    await waitFor(() => expect(within(card()!).getByText('same as this tab')).toBeTruthy(), WAIT)
    expect(within(card()!).getByText('Ben')).toBeTruthy()
    await waitFor(() => expect(screen.getByTestId('verdict').getAttribute('data-verdict')).toBe('equal'), WAIT)

    // A′ types without sending the update yet, and publishes its new state.
    tab.listen = false
    sharedText(tab.doc).insert(12, '!!!')
    tab.publish()
    await waitFor(
      () => expect(within(card()!).getByText(`${room.store.getState().self.name} (A) lacks 3 updates from Ben (A′)`)).toBeTruthy(),
      WAIT,
    )
    const gap = document.querySelector('table.sv-table td.gap') as HTMLElement
    expect(gap.title).toBe('lacks 3')
    expect(['converging', 'differs']).toContain(screen.getByTestId('verdict').getAttribute('data-verdict'))

    tab.sendState()
    await waitFor(() => expect(within(card()!).getByText('same as this tab')).toBeTruthy(), WAIT)
    expect(sharedText(room.doc).toString()).toBe('shared start!!!')
    expect(document.querySelector('table.sv-table td.gap')).toBeNull()
  })

  test('a malformed update is refused: an alert, a refused log row, and the document unchanged', async () => {
    const { room, tab } = start()
    await waitFor(() => expect(room.connection.getSnapshot().peerId).not.toBeNull(), WAIT)
    sharedText(room.doc).insert(0, 'keep me')
    const before = Y.encodeStateAsUpdate(room.doc)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      tab.channel.postMessage(malformedUpdateMessage())
      const alert = await screen.findByRole('alert', {}, WAIT)
      expect(alert.textContent).toMatch(/^Refused a malformed message from BroadcastChannel: malformed update: .*This replica is unchanged and keeps working\./)
      expect(warn).toHaveBeenCalled()
    } finally {
      warn.mockRestore()
    }
    expect(sharedText(room.doc).toString()).toBe('keep me')
    expect(Y.encodeStateAsUpdate(room.doc)).toEqual(before)
    await waitFor(() => expect(screen.getByText('⛔ refused')).toBeTruthy(), WAIT)
    expect(screen.getByText('⛔ refused').closest('tr')?.textContent).toContain('via BroadcastChannel')
  })

  test('counter buttons change the document, the panel and the other tab', async () => {
    const { room, tab } = start()
    await waitFor(() => expect(room.connection.getSnapshot().peerId).not.toBeNull(), WAIT)
    fireEvent.click(screen.getByRole('button', { name: '+1' }))
    fireEvent.click(screen.getByRole('button', { name: '+1' }))
    fireEvent.click(screen.getByRole('button', { name: '−1' }))
    expect(counterValue(room.doc)).toBe(1)
    expect(screen.getByLabelText('Counter value').textContent).toBe('1')
    await waitFor(() => expect(counterValue(tab.doc)).toBe(1), WAIT)

    // And a remote increment shows without a click.
    tab.listen = false
    tab.doc.getMap('counter').set(String(tab.doc.clientID), 5)
    tab.sendState()
    await waitFor(() => expect(screen.getByLabelText('Counter value').textContent).toBe('6'), WAIT)
  })

  test('notes board: add, recolour and delete go through the real actions to the document', async () => {
    const { room, tab } = start()
    await waitFor(() => expect(room.connection.getSnapshot().peerId).not.toBeNull(), WAIT)
    fireEvent.click(screen.getByRole('button', { name: '+ Add note' }))
    const notes = listNotes(room.doc)
    expect(notes).toHaveLength(1)
    const note = document.querySelector(`[data-note-id="${notes[0].id}"]`) as HTMLElement
    expect(note).not.toBeNull()
    fireEvent.click(within(note).getByRole('button', { name: 'Colour #fbcfe8' }))
    expect(listNotes(room.doc)[0].color).toBe('#fbcfe8')
    await waitFor(() => expect(listNotes(tab.doc)[0]?.color).toBe('#fbcfe8'), WAIT)
    fireEvent.change(within(note).getByRole('textbox', { name: 'Note text' }), { target: { value: 'hi' } })
    expect(listNotes(room.doc)[0].text).toBe('hi')
    fireEvent.click(within(note).getByRole('button', { name: 'Delete note' }))
    expect(listNotes(room.doc)).toEqual([])
    expect(document.querySelector('[data-note-id]')).toBeNull()
    await waitFor(() => expect(listNotes(tab.doc)).toEqual([]), WAIT)
  })

  test('going offline stops traffic both ways; going online again converges', async () => {
    const { room, tab } = start()
    await waitFor(() => expect(room.connection.getSnapshot().peerId).not.toBeNull(), WAIT)
    act(() => room.store.getState().actions.setOnline(false))
    expect(room.store.getState().online).toBe(false)
    sharedText(room.doc).insert(0, 'offline edit')
    sharedText(tab.doc).insert(0, 'remote edit ')
    tab.sendState()
    await new Promise((r) => setTimeout(r, 150))
    expect(sharedText(tab.doc).toString()).toBe('remote edit ')
    expect(sharedText(room.doc).toString()).toBe('offline edit')

    act(() => room.store.getState().actions.setOnline(true))
    // y-webrtc's reconnect sends sync step 1 and step 2; the fake tab answers step 1 with its state.
    tab.sendState()
    await waitFor(() => expect(sharedText(room.doc).toString()).toContain('remote edit'), WAIT)
    await waitFor(() => expect(sharedText(tab.doc).toString()).toBe(sharedText(room.doc).toString()), WAIT)
    expect(stateDigest(tab.doc)).toBe(stateDigest(room.doc))
  })

  test('colour and name: a replica that joined earlier keeps blue and this one moves; a typed name is cleaned, with a notice', async () => {
    const { room, tab } = start()
    await waitFor(() => expect(room.connection.getSnapshot().peerId).not.toBeNull(), WAIT)
    expect(room.store.getState().self.color).toBe(colorAt(0))
    tab.publish(CODE, { name: 'Ben', color: colorAt(0), joined: 0 })
    await waitFor(() => expect(room.store.getState().self.color).toBe(colorAt(1)), WAIT)
    expect(room.store.getState().self.name).toMatch(/^Orange \d+$/)
    // What this replica publishes follows, so every tab shows the same colours.
    await waitFor(() => expect(tab.awareness.getStates().get(room.doc.clientID)?.user).toMatchObject({ color: colorAt(1) }), WAIT)

    act(() => room.store.getState().actions.setName(`<img src=x onerror=alert(1)>${'z'.repeat(100)}`))
    expect(room.store.getState().self.name).toBe('z'.repeat(40))
    expect(screen.getByText(/Your name was cleaned \(markup removed, cut to 40 characters\)/)).toBeTruthy()
    expect(document.querySelector('img')).toBeNull()
    await waitFor(() => expect(tab.awareness.getStates().get(room.doc.clientID)?.user).toMatchObject({ name: 'z'.repeat(40) }), WAIT)
  })

  test('two tabs of one browser share the stored name: the later one adds its colour, so names stay distinct', async () => {
    const name = `live-room-test-${process.pid}-${++roomCounter}`
    const storage = { getItem: () => 'Ana', setItem: vi.fn() }
    const room = startLiveRoom({ room: name, signaling: [], link: `http://localhost:5173/?room=${name}`, code: CODE, problems: [], openTab: vi.fn(), storage })
    const tab = new FakeTab(name)
    open.push({ room, tab })
    await waitFor(() => expect(room.connection.getSnapshot().peerId).not.toBeNull(), WAIT)
    expect(room.store.getState().self.name).toBe('Ana')
    tab.publish(CODE, { name: 'Ana', color: colorAt(0), joined: 0 })
    await waitFor(() => expect(room.store.getState().self.name).toBe('Ana (Orange)'), WAIT)
    await waitFor(() => expect(tab.awareness.getStates().get(room.doc.clientID)?.user).toMatchObject({ name: 'Ana (Orange)', color: colorAt(1) }), WAIT)
  })
})
