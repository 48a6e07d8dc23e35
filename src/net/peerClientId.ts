import type { Awareness } from 'y-protocols/awareness'

/**
 * The clientID of the replica behind a y-webrtc peer id, from what replicas publish in awareness
 * (`replica.peerId`); null until that replica's awareness state has arrived.
 */
export const peerClientId = (awareness: Awareness, peerId: string): number | null => {
  for (const [clientID, state] of awareness.getStates()) {
    if ((state.replica as { peerId?: unknown } | undefined)?.peerId === peerId) return clientID
  }
  return null
}
