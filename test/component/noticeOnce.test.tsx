import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { pushNotice } from '../../src/state/live/liveStore'
import { storeFor } from './helpers/liveFixtures'

describe('notices', () => {
  test('the same words while still shown are said once, however often they come', () => {
    const store = storeFor(new Y.Doc())
    const before = store.getState().notices.length
    const first = pushNotice(store, 'error', 'Refused a malformed message from WebRTC: too big.', 0)
    for (let i = 1; i < 40; i++) expect(pushNotice(store, 'error', 'Refused a malformed message from WebRTC: too big.', i)).toBe(first)
    pushNotice(store, 'warning', 'Something else.', 50)
    expect(store.getState().notices.length).toBe(before + 2)
    // Once dismissed, it may be said again.
    store.setState((s) => ({ notices: s.notices.filter((n) => n.id !== first) }))
    expect(pushNotice(store, 'error', 'Refused a malformed message from WebRTC: too big.', 60)).not.toBe(first)
  })
})
