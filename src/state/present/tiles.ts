import { compareReplicas } from '../../core/compare'
import { groupOf, isCut, type NetworkPolicy } from '../../core/policy/NetworkPolicy'
import type { ReplicaInfo } from '../../core/replicaInfo'
import type { StateVector } from '../../core/stateVector'
import type { Channel } from '../../net/LiveConnection'
import type { PeerView } from '../live/PeerBook'
import { CONVERGING_GRACE_MS } from '../live/overallVerdict'

/** One replica on the wall. */
export interface Tile {
  clientID: number
  name: string
  color: string
  /** The presenter's own replica. */
  isSelf: boolean
  /** Its state digest (hex); '' before it published one. */
  digest: string
  /** Updates it holds: the sum of its state vector's clocks. */
  updates: number
  /** Against the presenter's replica. */
  verdict: 'self' | 'equal' | 'converging' | 'differs' | 'unknown'
  /** The first thing that differs, in words; null when equal. */
  difference: string | null
  presence: PeerView['presence']
  lastSeen: number
  /** Its group under the presenter's policy (0 when there are no groups). */
  group: number
  cut: boolean
  /** True when it follows the presenter's latest policy version. */
  following: boolean
  /** How the presenter reaches it now (null: itself, or not reached). */
  via: Channel | null
}

export interface TileInput {
  self: ReplicaInfo
  selfName: string
  selfColor: string
  peers: readonly PeerView[]
  /** Cleaned name and colour per client, when known. */
  users: ReadonlyMap<number, { name: string; color: string }>
  /** clientID → the policy version it says it follows. */
  applied: ReadonlyMap<number, number | null>
  policy: NetworkPolicy
  now: number
}

/** How the wall reaches the replicas in the room, in words: "2 in this browser, 12 direct, 18 through the laptop's relay". */
export const reachSummary = (tiles: readonly Tile[]): string => {
  let same = 0
  let direct = 0
  let relay = 0
  for (const t of tiles) {
    if (t.presence !== 'here' || t.isSelf) continue
    if (t.via === 'BroadcastChannel') same++
    else if (t.via === 'WebRTC') direct++
    else if (t.via === 'relay') relay++
  }
  const parts = [
    ...(same > 0 ? [`${same} in this browser`] : []),
    ...(direct > 0 ? [`${direct} direct`] : []),
    ...(relay > 0 ? [`${relay} through the relay`] : []),
  ]
  return parts.length === 0 ? '' : `Reached: ${parts.join(', ')}`
}

const updatesIn = (sv: StateVector): number => Object.values(sv).reduce((a, b) => a + b, 0)

/**
 * The wall's tiles: the presenter first, then replicas in the room by group, then those that left.
 * A projection of what replicas published (PeerBook views) and the presenter's policy.
 */
export const projectTiles = (i: TileInput): Tile[] => {
  const following = (id: number) => i.policy.version === 0 || i.applied.get(id) === i.policy.version
  const self: Tile = {
    clientID: i.self.clientID,
    name: i.selfName,
    color: i.selfColor,
    isSelf: true,
    digest: i.self.digest,
    updates: updatesIn(i.self.sv),
    verdict: 'self',
    difference: null,
    presence: 'here',
    lastSeen: 0,
    group: groupOf(i.policy, i.self.clientID),
    cut: isCut(i.policy, i.self.clientID),
    following: following(i.self.clientID),
    via: null,
  }
  const others = i.peers.map((p): Tile => {
    const user = i.users.get(p.clientID)
    let verdict: Tile['verdict'] = 'unknown'
    let difference: string | null = null
    if (p.info !== null) {
      const v = compareReplicas(i.self, p.info, {
        self: 'the presenter',
        other: '',
        selfName: i.selfName,
        otherName: user?.name ?? p.name,
        nameOf: (c) => i.users.get(c)?.name ?? `replica ${c}`,
      })
      if (v.equal) verdict = 'equal'
      else {
        const fresh = p.presence === 'here' && p.unequalSince !== null && i.now - p.unequalSince < CONVERGING_GRACE_MS && v.codeEqual
        verdict = fresh ? 'converging' : 'differs'
        difference = v.differences[0] ?? 'the states differ'
      }
    }
    return {
      clientID: p.clientID,
      name: user?.name ?? p.name,
      color: user?.color ?? '#475569',
      isSelf: false,
      digest: p.info?.digest ?? '',
      updates: p.info === null ? 0 : updatesIn(p.info.sv),
      verdict,
      difference,
      presence: p.presence,
      lastSeen: p.lastSeen,
      group: groupOf(i.policy, p.clientID),
      cut: isCut(i.policy, p.clientID),
      following: following(p.clientID),
      via: p.via,
    }
  })
  const rank = { here: 0, unreachable: 1, left: 2 }
  others.sort((a, b) => rank[a.presence] - rank[b.presence] || a.group - b.group || a.clientID - b.clientID)
  return [self, ...others]
}
