import { render } from '@testing-library/react'
import { vi } from 'vitest'
import type * as Y from 'yjs'
import { replicaColor } from '../../../src/core/colors'
import { sharedText } from '../../../src/core/schema'
import { createLiveStore, type LiveActions, type LiveStore } from '../../../src/state/live/liveStore'
import { LiveView } from '../../../src/ui/live/LiveView'
import { LiveStoreProvider } from '../../../src/ui/live/liveContext'
import { createSafetyStore, type SafetyStore } from '../../../src/state/live/safetyStore'
import { SafetyStoreProvider } from '../../../src/ui/live/safetyContext'

export type MockActions = { [K in keyof LiveActions]: ReturnType<typeof vi.fn> & LiveActions[K] }

/** Every action as a spy (qrCodeSvg resolves to a tiny SVG). */
export const mockActions = (): MockActions => {
  const a = {
    addNote: vi.fn(),
    updateNote: vi.fn(),
    deleteNote: vi.fn(),
    addToCounter: vi.fn(),
    setOnline: vi.fn(),
    openAnotherReplica: vi.fn(),
    dismissNotice: vi.fn(),
    forgetPeer: vi.fn(),
    sendMalformedUpdate: vi.fn(),
    qrCodeSvg: vi.fn(async () => '<svg data-testid="qr"></svg>'),
    setName: vi.fn(),
    setMode: vi.fn(),
    inspect: vi.fn(),
  }
  return a as unknown as MockActions
}

/** A live store over a real Y.Doc, with spied actions: the shape startLiveRoom builds. */
export const storeFor = (doc: Y.Doc, actions: LiveActions = mockActions()): LiveStore =>
  createLiveStore({
    room: 'room-under-test',
    link: 'http://localhost:5173/?room=room-under-test',
    clientID: doc.clientID,
    color: replicaColor(doc.clientID),
    name: 'Ana',
    code: 'build-1',
    sharedText: sharedText(doc),
    actions,
  })

/** A safety store (persistence, password, flags, versions) with spied actions. */
export const safetyStoreFor = (): SafetyStore =>
  createSafetyStore(
    { forgetRoom: vi.fn(), saveAgain: vi.fn(), setPassword: vi.fn(), undoPeer: vi.fn(), undoChange: vi.fn(), restoreVersion: vi.fn() },
    { set: false, secure: true },
  )

export const renderLive = (store: LiveStore, safety: SafetyStore = safetyStoreFor()) =>
  render(
    <LiveStoreProvider value={store}>
      <SafetyStoreProvider value={safety}>
        <LiveView />
      </SafetyStoreProvider>
    </LiveStoreProvider>,
  )
