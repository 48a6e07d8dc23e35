/** Two different peer ids for one client id within this long is a claim, not a reconnection. */
export const CLAIM_WINDOW_MS = 60_000

export interface IdClaim {
  clientID: number
  /** The peer id it was known by, and the one now claiming it. */
  knownPeerId: string
  claimingPeerId: string
}

/**
 * Who claims which client id. A replica keeps its client id and its y-webrtc peer id for its
 * whole life (a reload makes a new replica with new ones), so one client id published with two
 * different peer ids means that someone claims another replica's identity. Time comes from the caller.
 */
export class IdClaims {
  private seen = new Map<number, { peerId: string; at: number }>()

  /** Folds in one published (clientID, peerId); returns the claim when it contradicts what was seen. */
  observe(clientID: number, peerId: string | null, now: number): IdClaim | null {
    if (peerId === null) return null
    const prev = this.seen.get(clientID)
    if (prev === undefined || prev.peerId === peerId || now - prev.at > CLAIM_WINDOW_MS) {
      this.seen.set(clientID, { peerId, at: now })
      return null
    }
    prev.at = now
    return { clientID, knownPeerId: prev.peerId, claimingPeerId: peerId }
  }
}
