import type { Awareness } from 'y-protocols/awareness'
import { isReplicaInfo, type ReplicaInfo } from '../core/replicaInfo'
import { type ReplicaUser, readUser } from '../core/replicaUser'

/**
 * The awareness contract. Every replica publishes, under its clientID:
 * - `user`: { name, color, joined } (the common Yjs convention, so other clients show it too;
 *   `joined` orders colour claims, see core/colors.ts chooseColorIndex). Cleaned on read;
 * - `replica`: ReplicaInfo (code fingerprint, state digest, state vector, pending) plus `peerId`,
 *   its y-webrtc peer id, so others can tell whether they reach it by BroadcastChannel or WebRTC.
 */
export interface PublishedReplica extends ReplicaInfo {
  peerId: string | null
}

export interface PeerState {
  clientID: number
  /** Its name, cleaned (a default such as "Blue 37" when it published none usable). */
  name: string
  /** Its colour, one of ours (a fallback from its clientID when it published another). */
  color: string
  /** Everything its `user` field says, cleaned. */
  user: ReplicaUser
  replica: PublishedReplica | null
  /** It said it is going offline (the Offline switch) just before leaving the room's awareness. */
  away: boolean
}

/** Set by a replica just before it goes offline, so the others can say "went offline" rather than "left". */
export const AWAY_FIELD = 'away'

export const publishAway = (awareness: Awareness, away: boolean): void => awareness.setLocalStateField(AWAY_FIELD, away ? 'offline' : null)

export const publishReplica = (awareness: Awareness, user: { name: string; color: string; joined: number }, replica: PublishedReplica): void => {
  const prev = awareness.getLocalState()
  awareness.setLocalState({ ...(prev ?? {}), user, replica })
}

/** Everyone else in the room, as far as awareness tells; values that do not fit the contract are dropped. */
export const readPeers = (awareness: Awareness): PeerState[] => {
  const out: PeerState[] = []
  awareness.getStates().forEach((state, clientID) => {
    if (clientID === awareness.clientID) return
    const user = readUser(clientID, state.user)
    const rep = state.replica as Record<string, unknown> | undefined
    out.push({
      clientID,
      name: user.name,
      color: user.color,
      user,
      replica: isReplicaInfo(rep) ? { ...rep, peerId: typeof rep.peerId === 'string' ? rep.peerId : null } : null,
      away: state[AWAY_FIELD] === 'offline',
    })
  })
  return out.sort((a, b) => a.clientID - b.clientID)
}
