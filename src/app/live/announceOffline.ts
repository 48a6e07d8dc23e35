import type { Awareness } from 'y-protocols/awareness'
import { publishAway } from '../../net/replicaAwareness'
import type { LiveStore } from '../../state/live/liveStore'

/**
 * How long a replica says "going offline" before it leaves: the others see that state in a frame
 * of its own before its awareness disappears, and call it "went offline" rather than "left".
 */
export const ANNOUNCE_OFFLINE_MS = 400

/**
 * Wraps the room's Offline switch: going offline first publishes `away` (the awareness contract's
 * "going offline") while document traffic is already held, then goes offline ANNOUNCE_OFFLINE_MS
 * later; back online at once (a pending
 * departure is cancelled). Returns the undo (the room's own action back, a pending timer cleared).
 */
export const announceOffline = (store: LiveStore, awareness: Awareness, holdDocument: (held: boolean) => void): (() => void) => {
  const base = store.getState().actions
  let pending: ReturnType<typeof setTimeout> | null = null
  const setOnline = (online: boolean) => {
    const cancelled = pending !== null
    if (pending !== null) clearTimeout(pending)
    pending = null
    if (online) {
      if (cancelled) {
        publishAway(awareness, false)
        holdDocument(false)
      }
      base.setOnline(true)
      return
    }
    if (!store.getState().online) return
    // Nothing of the document leaves or arrives from now on; only "going offline" is said.
    holdDocument(true)
    publishAway(awareness, true)
    // The switch shows the choice at once; the replica itself leaves a moment later.
    store.setState({ online: false })
    pending = setTimeout(() => {
      pending = null
      base.setOnline(false)
    }, ANNOUNCE_OFFLINE_MS)
  }
  store.setState({ actions: { ...base, setOnline } })
  return () => {
    if (pending !== null) clearTimeout(pending)
    store.setState((s) => ({ actions: { ...s.actions, setOnline: base.setOnline } }))
  }
}
