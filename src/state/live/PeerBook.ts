import { compareReplicas, type Verdict } from '../../core/compare'
import type { ReplicaInfo } from '../../core/replicaInfo'
import type { Channel } from '../../net/LiveConnection'
import type { PeerState, PublishedReplica } from '../../net/replicaAwareness'

/** How this tab sees one other replica. */
export interface PeerView {
  clientID: number
  /** Its name (cleaned), as shown everywhere instead of its clientID. */
  name: string
  /** Its colour, as it published it (cleaned). */
  color: string
  /** How this tab calls it in sentences: A′, A″, A‴, then A′₅ and so on, by order of first sight. */
  label: string
  /** Its last published state (null until it has published one). */
  info: PublishedReplica | null
  /** How this tab reaches it now; null when not connected. */
  via: Channel | null
  /** 'here': in the room now; 'left': it went offline or closed; 'unreachable': this tab is offline. */
  presence: 'here' | 'left' | 'unreachable'
  /** Wall time (ms) of its last awareness update or of leaving. */
  lastSeen: number
  /** Gone because it took itself offline (it said so before leaving), not because it closed; absent: false. */
  wentOffline?: boolean
  verdict: Verdict | null
  /** Since when (ms) the verdict has been "not equal"; null when equal. */
  unequalSince: number | null
}

const PRIMES = ['′', '″', '‴']
const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉'

/** A′ for the first twin seen, A″ for the second, A‴, then A′₄, A′₅… */
export const twinLabel = (index: number): string =>
  index < PRIMES.length ? `A${PRIMES[index]}` : `A′${String(index + 1).replace(/\d/g, (d) => SUBSCRIPTS[Number(d)])}`

/** Replicas that left are remembered this long, so the page can show what they held when they went. */
export const REMEMBER_LEFT_MS = 120_000

interface Entry {
  name: string
  color: string
  label: string
  info: PublishedReplica | null
  lastSeen: number
  here: boolean
  /** Its last state said it was going offline. */
  away: boolean
  unequalSince: number | null
}

/**
 * Remembers every replica seen in the room, and compares this replica with each one.
 * A projection with memory: it never holds document content, only what peers published.
 */
export class PeerBook {
  private entries = new Map<number, Entry>()
  private seen = 0

  /** Folds in the current awareness states. */
  observe(peers: readonly PeerState[], now: number): void {
    const present = new Set<number>()
    for (const p of peers) {
      present.add(p.clientID)
      const prev = this.entries.get(p.clientID)
      const infoChanged = prev === undefined || prev.info?.digest !== p.replica?.digest || !prev.here
      this.entries.set(p.clientID, {
        name: p.name,
        color: p.color,
        label: prev?.label ?? twinLabel(this.seen++),
        info: p.replica ?? prev?.info ?? null,
        lastSeen: infoChanged ? now : (prev?.lastSeen ?? now),
        here: true,
        away: p.away,
        unequalSince: prev?.unequalSince ?? null,
      })
    }
    for (const [id, e] of this.entries) {
      if (!present.has(id) && e.here) this.entries.set(id, { ...e, here: false, lastSeen: now })
    }
  }

  /** Drops a replica that left (it comes back if it publishes again). */
  forget(clientID: number): void {
    const e = this.entries.get(clientID)
    if (e !== undefined && !e.here) this.entries.delete(clientID)
  }

  /** The name of a replica this book knows, else null. */
  nameOf(clientID: number): string | null {
    return this.entries.get(clientID)?.name ?? null
  }

  /**
   * Peer views, present ones first, with the verdict against `self`. With `selfName`, sentences
   * name both sides ("Ben (A′) lacks 3 updates from Ana (A)"); A and A′ stay as their roles.
   */
  views(self: ReplicaInfo, online: boolean, via: (peerId: string | null) => Channel | null, now: number, selfName?: string): PeerView[] {
    const out: PeerView[] = []
    const nameOf = (c: number) => (c === self.clientID && selfName !== undefined ? selfName : (this.nameOf(c) ?? `replica ${c}`))
    for (const [clientID, e] of this.entries) {
      if (!e.here && online && now - e.lastSeen > REMEMBER_LEFT_MS) {
        this.entries.delete(clientID)
        continue
      }
      const verdict = e.info === null ? null : compareReplicas(
              self,
              e.info,
              selfName === undefined ? { self: 'A', other: e.label } : { self: 'A', other: e.label, selfName, otherName: e.name, nameOf },
            )
      if (verdict !== null && !verdict.equal) e.unequalSince ??= now
      else e.unequalSince = null
      const presence = !online ? 'unreachable' : e.here ? 'here' : 'left'
      out.push({
        clientID,
        name: e.name,
        color: e.color,
        label: e.label,
        info: e.info,
        via: presence === 'here' ? via(e.info?.peerId ?? null) : null,
        presence,
        lastSeen: e.lastSeen,
        wentOffline: !e.here && e.away,
        verdict,
        unequalSince: e.unequalSince,
      })
    }
    const rank = { here: 0, unreachable: 1, left: 2 }
    return out.sort((a, b) => rank[a.presence] - rank[b.presence] || a.clientID - b.clientID)
  }
}
