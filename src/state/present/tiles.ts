import { compareReplicas } from '../../core/compare'
import { plainDifference } from '../../core/plainDifference'
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
  /**
   * Against its group's reference: the presenter's replica, or, for a group without the presenter,
   * the first replica of that group (`reference`), so that a split reads as groups that agree inside.
   */
  verdict: 'self' | 'equal' | 'converging' | 'differs' | 'unknown'
  /** The first thing that differs, in plain words; null when equal. */
  difference: string | null
  /** The replica it is compared with (null for the presenter and a group's own reference). */
  reference: number | null
  /** What it published (null before it did): the wall compares groups with it. */
  info: ReplicaInfo | null
  presence: PeerView['presence']
  /** Left because it went offline (the Offline switch), not because it closed. */
  wentOffline: boolean
  lastSeen: number
  /** Its group under the presenter's policy (0 when there are no groups). */
  group: number
  cut: boolean
  /** True when it follows the presenter's latest policy version. */
  following: boolean
  /** How the presenter reaches it now (null: itself, or not reached). */
  via: Channel | null
  /** 1 for the first replica with this name; 2, 3… for further tabs of the same person. */
  tab: number
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

/**
 * How the students' devices reach each other, from the links each publishes (the client ids it
 * reaches over BroadcastChannel or WebRTC): "Students reach each other directly in 12 of 28
 * pairs". On Wi-Fi that isolates clients no pair does, and every edit passes through the class's
 * relay or the wall's own replica. '' with fewer than two students that publish links.
 */
export const studentReach = (tiles: readonly Tile[], links: ReadonlyMap<number, readonly number[]>): string => {
  const students = tiles.filter((t) => t.presence === 'here' && !t.isSelf && links.has(t.clientID)).map((t) => t.clientID)
  const n = students.length
  if (n < 2) return ''
  const pairs = (n * (n - 1)) / 2
  let direct = 0
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const a = students[i]
      const b = students[j]
      if (links.get(a)?.includes(b) || links.get(b)?.includes(a)) direct++
    }
  if (direct === pairs) return `Students reach each other directly (${pairs === 1 ? 'the one pair' : `all ${pairs} pairs`})`
  if (direct === 0)
    return `Students reach no other student directly (0 of ${pairs} pair${pairs === 1 ? '' : 's'}): the network keeps their devices apart, every edit goes through the relay or this wall`
  return `Students reach each other directly in ${direct} of ${pairs} pairs; the others' edits pass through other devices, the relay or this wall`
}

const updatesIn = (sv: StateVector): number => Object.values(sv).reduce((a, b) => a + b, 0)

/** Which replica each group is compared with: the presenter in its own group, else the group's first replica. */
const groupReferences = (i: TileInput): Map<number, number> => {
  const refs = new Map<number, number>()
  if (!isCut(i.policy, i.self.clientID)) refs.set(groupOf(i.policy, i.self.clientID), i.self.clientID)
  const candidates = i.peers.filter((p) => p.presence === 'here' && p.info !== null && !isCut(i.policy, p.clientID)).sort((a, b) => a.clientID - b.clientID)
  for (const p of candidates) {
    const g = groupOf(i.policy, p.clientID)
    if (!refs.has(g)) refs.set(g, p.clientID)
  }
  return refs
}

/**
 * The wall's tiles: the presenter first, then replicas in the room by group, then those that left.
 * A projection of what replicas published (PeerBook views) and the presenter's policy. Each tile
 * is compared with its group's reference (the presenter while the class is together), in plain
 * words; a cut-off replica with the presenter. Further tabs of one person (same name) say so.
 */
export const projectTiles = (i: TileInput): Tile[] => {
  const following = (id: number) => i.policy.version === 0 || i.applied.get(id) === i.policy.version
  const nameOf = (c: number) => (c === i.self.clientID ? i.selfName : (i.users.get(c)?.name ?? `replica ${c}`))
  const self: Tile = {
    clientID: i.self.clientID,
    name: i.selfName,
    color: i.selfColor,
    isSelf: true,
    digest: i.self.digest,
    updates: updatesIn(i.self.sv),
    verdict: 'self',
    difference: null,
    reference: null,
    info: i.self,
    presence: 'here',
    wentOffline: false,
    lastSeen: 0,
    group: groupOf(i.policy, i.self.clientID),
    cut: isCut(i.policy, i.self.clientID),
    following: following(i.self.clientID),
    via: null,
    tab: 1,
  }
  const refs = groupReferences(i)
  const infoOf = new Map<number, ReplicaInfo>([[i.self.clientID, i.self]])
  for (const p of i.peers) if (p.info !== null) infoOf.set(p.clientID, p.info)
  const others = i.peers.map((p): Tile => {
    const user = i.users.get(p.clientID)
    const name = user?.name ?? p.name
    const cut = isCut(i.policy, p.clientID)
    const group = groupOf(i.policy, p.clientID)
    const refId = cut ? i.self.clientID : (refs.get(group) ?? i.self.clientID)
    const ref = refId === p.clientID ? null : (infoOf.get(refId) ?? i.self)
    let verdict: Tile['verdict'] = 'unknown'
    let difference: string | null = null
    if (p.info !== null && ref === null) verdict = 'equal'
    else if (p.info !== null && ref !== null) {
      const v = compareReplicas(ref, p.info)
      if (v.equal) verdict = 'equal'
      else {
        const fresh = p.presence === 'here' && p.unequalSince !== null && i.now - p.unequalSince < CONVERGING_GRACE_MS && v.codeEqual
        verdict = fresh ? 'converging' : 'differs'
        const words = plainDifference({ name: nameOf(ref.clientID), info: ref }, { name, info: p.info }, nameOf)
        difference = words[0] ?? 'the states differ'
      }
    }
    return {
      clientID: p.clientID,
      name,
      color: user?.color ?? '#475569',
      isSelf: false,
      digest: p.info?.digest ?? '',
      updates: p.info === null ? 0 : updatesIn(p.info.sv),
      verdict,
      difference,
      reference: ref === null ? null : ref.clientID,
      info: p.info,
      presence: p.presence,
      wentOffline: p.wentOffline === true,
      lastSeen: p.lastSeen,
      group,
      cut,
      following: following(p.clientID),
      via: p.via,
      tab: 1,
    }
  })
  const rank = { here: 0, unreachable: 1, left: 2 }
  others.sort((a, b) => rank[a.presence] - rank[b.presence] || a.group - b.group || a.clientID - b.clientID)
  const all = [self, ...others]
  // Extra tabs of one person: the same name, numbered by joining order (client ids are random, so by tile order).
  const seen = new Map<string, number>()
  for (const t of all) {
    if (t.presence !== 'here') continue
    const n = (seen.get(t.name) ?? 0) + 1
    seen.set(t.name, n)
    t.tab = n
  }
  return all
}
