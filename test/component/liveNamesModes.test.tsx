// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { colorAt } from '../../src/core/colors'
import { createLiveStore } from '../../src/state/live/liveStore'
import { sharedText } from '../../src/core/schema'
import { mockActions, renderLive } from './helpers/liveFixtures'

const storeWith = (over: Partial<Parameters<typeof createLiveStore>[0]> = {}) => {
  const doc = new Y.Doc()
  doc.clientID = 1234567837
  const actions = mockActions()
  const store = createLiveStore({
    room: 'r',
    link: 'http://localhost:5173/?room=r',
    clientID: doc.clientID,
    color: colorAt(0),
    name: 'Blue 37',
    code: 'build-1',
    sharedText: sharedText(doc),
    actions,
    ...over,
  })
  return { store, actions }
}

describe('names, projector mode and Share', () => {
  test('the first visit asks for a name once; Keep and Save call setName', () => {
    const { store, actions } = storeWith({ nameAsked: false })
    renderLive(store)
    const card = screen.getByRole('region', { name: 'Choose a name' })
    fireEvent.click(within(card).getByRole('button', { name: 'Keep “Blue 37”' }))
    expect(actions.setName).toHaveBeenCalledWith('')
    fireEvent.change(within(card).getByRole('textbox'), { target: { value: '<b>Zoë</b>' } })
    fireEvent.click(within(card).getByRole('button', { name: 'Save' }))
    expect(actions.setName).toHaveBeenLastCalledWith('<b>Zoë</b>')
    act(() => store.setState({ nameAsked: true }))
    expect(screen.queryByRole('region', { name: 'Choose a name' })).toBeNull()
  })

  test('a hostile name is shown as text, never as markup', () => {
    const { store } = storeWith({ name: '<img src=x onerror=alert(1)>' })
    renderLive(store)
    expect(screen.getByRole('heading', { name: /This tab: <img src=x onerror=alert\(1\)>/ })).toBeTruthy()
    expect(document.querySelector('img')).toBeNull()
  })

  test('projector mode: verdict, names, text, counter and notes; no digest, log, tree or state vectors', () => {
    const { store, actions } = storeWith({ mode: 'projector' })
    renderLive(store)
    expect(screen.getByTestId('verdict')).toBeTruthy()
    expect(screen.getByRole('textbox', { name: 'Shared text' })).toBeTruthy()
    expect(screen.getByRole('button', { name: '+1' })).toBeTruthy()
    expect(screen.getByRole('button', { name: '+ Add note' })).toBeTruthy()
    expect(within(screen.getByRole('region', { name: 'Replicas in the room' })).getByText('Blue 37')).toBeTruthy()
    expect(screen.queryByTestId('self-digest')).toBeNull()
    expect(screen.queryByText('Inside this replica')).toBeNull()
    expect(screen.queryByText('State vectors')).toBeNull()
    const toggle = screen.getByRole('button', { name: 'Projector mode' })
    expect(toggle.getAttribute('aria-pressed')).toBe('true')
    fireEvent.click(toggle)
    expect(actions.setMode).toHaveBeenCalledWith('normal')
    act(() => store.setState({ mode: 'normal' }))
    expect(screen.getByTestId('self-digest')).toBeTruthy()
  })

  test('Share shows the network link and says why; a local-only link says other devices cannot open it', async () => {
    const { store } = storeWith({
      share: { link: 'http://192.168.1.20:5173/?room=r', note: 'uses its network address 192.168.1.20:5173', localOnly: false },
    })
    renderLive(store)
    fireEvent.click(screen.getByRole('button', { name: 'Share' }))
    const dialog = screen.getByRole('dialog', { name: 'Share this room' })
    expect((within(dialog).getByRole('textbox', { name: 'Room link' }) as HTMLInputElement).value).toBe('http://192.168.1.20:5173/?room=r')
    expect(within(dialog).getByTestId('share-note').textContent).toMatch(/network address/)
    await screen.findByTestId('qr')
    expect(store.getState().actions.qrCodeSvg).toHaveBeenCalledWith('http://192.168.1.20:5173/?room=r')
    // Focus is in the dialog, and Escape closes it.
    expect(document.activeElement?.textContent).toBe('Close')
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' })
    expect(screen.queryByRole('dialog', { name: 'Share this room' })).toBeNull()
  })

  test('the ≠ of the verdict is drawn as one glyph, and the text still says ≠', () => {
    const { store } = storeWith()
    renderLive(store)
    act(() =>
      store.setState({
        peers: [
          {
            clientID: 2,
            name: 'Ben',
            color: colorAt(1),
            label: 'A′',
            info: { clientID: 2, code: 'build-2', digest: 'x', sv: {}, pending: false, waitingOn: {}, peerId: null },
            via: null,
            presence: 'here',
            lastSeen: Date.now(),
            verdict: { equal: false, codeEqual: false, stateEqual: true, differences: ['code differs: build build-1 vs build-2'] },
            unequalSince: 0,
          },
        ],
      }),
    )
    const headline = screen.getByTestId('verdict-headline')
    expect(headline.textContent).toBe('A ≠ A′')
    expect(within(headline).getByTestId('neq-glyph')).toBeTruthy()
  })
})
