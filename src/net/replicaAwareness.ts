import type { Awareness } from 'y-protocols/awareness'
import { isReplicaInfo, type ReplicaInfo } from '../core/replicaInfo'

/**
 * The awareness contract. Every replica publishes, under its clientID:
 * - `user`: { name, color } (the common Yjs convention, so other clients show it too);
 * - `replica`: ReplicaInfo (code fingerprint, state digest, state vector, pending) plus `peerId`,
 *   its y-webrtc peer id, so others can tell whether they reach it by BroadcastChannel or WebRTC.
 */
export interface PublishedReplica extends ReplicaInfo {
  peerId: string | null
}

export interface PeerState {
  clientID: number
  name: string | null
  color: string | null
  replica: PublishedReplica | null
}

export const publishReplica = (awareness: Awareness, user: { name: string; color: string }, replica: PublishedReplica): void => {
  const prev = awareness.getLocalState()
  awareness.setLocalState({ ...(prev ?? {}), user, replica })
}

/** Everyone else in the room, as far as awareness tells; values that do not fit the contract are dropped. */
export const readPeers = (awareness: Awareness): PeerState[] => {
  const out: PeerState[] = []
  awareness.getStates().forEach((state, clientID) => {
    if (clientID === awareness.clientID) return
    const user = state.user as { name?: unknown; color?: unknown } | undefined
    const rep = state.replica as Record<string, unknown> | undefined
    out.push({
      clientID,
      name: typeof user?.name === 'string' ? user.name : null,
      color: typeof user?.color === 'string' ? user.color : null,
      replica: isReplicaInfo(rep) ? { ...rep, peerId: typeof rep.peerId === 'string' ? rep.peerId : null } : null,
    })
  })
  return out.sort((a, b) => a.clientID - b.clientID)
}
