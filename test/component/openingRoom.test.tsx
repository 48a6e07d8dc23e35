// @vitest-environment happy-dom
import { act, render, screen } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { openingRoom } from '../../src/app/live/openingRoom'
import { previewOf } from '../../src/core/savedPreview'
import { addNote, addToCounter, sharedText } from '../../src/core/schema'
import type { LiveStore } from '../../src/state/live/liveStore'
import type { SafetyStore } from '../../src/state/live/safetyStore'
import { LiveView } from '../../src/ui/live/LiveView'
import { LiveStoreProvider } from '../../src/ui/live/liveContext'
import { SafetyStoreProvider } from '../../src/ui/live/safetyContext'
import { storeFor, safetyStoreFor } from './helpers/liveFixtures'

const view = (live: LiveStore, safety: SafetyStore) => (
  <LiveStoreProvider value={live}>
    <SafetyStoreProvider value={safety}>
      <LiveView />
    </SafetyStoreProvider>
  </LiveStoreProvider>
)

describe('a room opening from its saved preview', () => {
  test('shows the saved text, notes and counter read-only and says it is opening; the running room takes the same text area over', () => {
    const saved = new Y.Doc({ gc: false })
    sharedText(saved).insert(0, 'what this device saved')
    addNote(saved, { text: 'a saved note', x: 10, y: 10 })
    addToCounter(saved, 4)
    const doc = new Y.Doc({ gc: false })
    const opening = openingRoom({
      room: 'room-under-test',
      link: 'http://localhost:5173/?room=room-under-test',
      share: { link: 'http://localhost:5173/?room=room-under-test', note: null, localOnly: false },
      mode: 'normal',
      code: 'build-1',
      clientID: doc.clientID,
      preview: previewOf(saved, 3),
      password: null,
    })
    const { rerender } = render(view(opening.live, opening.safety))
    const box = screen.getByLabelText('Shared text') as HTMLTextAreaElement
    expect(box.value).toBe('what this device saved')
    expect(box.readOnly).toBe(true)
    expect(box.getAttribute('aria-busy')).toBe('true')
    expect(screen.getByTestId('verdict').dataset.verdict).toBe('opening')
    expect(screen.getByTestId('verdict').textContent).toMatch(/Opening this room as this device saved it/)
    expect(screen.getByLabelText('Counter value').textContent).toBe('4')
    expect((screen.getByLabelText('Note text') as HTMLTextAreaElement).value).toBe('a saved note')
    expect(screen.getByTestId('saved-state').dataset.state).toBe('loading')
    // Nothing about the replica's state is claimed before it is known.
    expect(screen.getByTestId('self-digest').textContent).toBe('…')
    expect(screen.getByTestId('self-pending').textContent).toBe('…')

    // The replica's document, rebuilt from the rows: the running room's stores replace the opening ones.
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(saved))
    act(() => rerender(view(storeFor(doc), safetyStoreFor())))
    opening.destroy()
    const after = screen.getByLabelText('Shared text') as HTMLTextAreaElement
    expect(after).toBe(box)
    expect(after.value).toBe('what this device saved')
    expect(after.readOnly).toBe(false)
    expect(after.hasAttribute('aria-busy')).toBe(false)
    expect(screen.getByTestId('verdict').dataset.verdict).not.toBe('opening')
    // Bound to the replica's text now: a remote change shows.
    act(() => sharedText(doc).insert(0, '» '))
    expect(after.value).toBe('» what this device saved')
  })
})
