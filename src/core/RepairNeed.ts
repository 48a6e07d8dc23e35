import { missingFrom, sameStateVector, type StateVector } from './stateVector'

/** What a replica published about its state, as far as a repair is concerned. */
export interface PublishedState {
  sv: StateVector
  digest: string
}

interface Seen {
  peer: PublishedState
  self: PublishedState
}

/**
 * Whether anti-entropy should run, asked once per interval. In a busy room replicas always
 * differ for a moment (an update is in flight while the next is typed), and a round there is
 * wasted: every peer answers with what we lack AND its whole delete set, which grows with the
 * room. So a round is due only for what the flow itself did not bring:
 * - a peer published, at the last check or before, updates we still lack now (one interval later);
 * - or the inserts agree but the deletions differ (same state vectors, other digests), with
 *   neither side changed since the last check.
 * A peer seen for the first time is only remembered. Peers that are gone are forgotten.
 */
export class RepairNeed {
  private seen = new Map<number, Seen>()

  due(self: PublishedState, peers: ReadonlyArray<{ clientID: number; state: PublishedState }>): boolean {
    let due = false
    const next = new Map<number, Seen>()
    for (const { clientID, state } of peers) {
      const before = this.seen.get(clientID)
      if (before !== undefined) {
        if (Object.keys(missingFrom(before.peer.sv, self.sv)).length > 0) due = true
        else if (deletionsDiffer(self, state) && deletionsDiffer(before.self, before.peer) && same(before.self, self) && same(before.peer, state)) due = true
      }
      next.set(clientID, { peer: state, self })
    }
    this.seen = next
    return due
  }
}

const deletionsDiffer = (a: PublishedState, b: PublishedState): boolean => a.digest !== b.digest && sameStateVector(a.sv, b.sv)

const same = (a: PublishedState, b: PublishedState): boolean => a.digest === b.digest && sameStateVector(a.sv, b.sv)
