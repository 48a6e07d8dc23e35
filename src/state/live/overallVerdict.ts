import type { PeerView } from './PeerBook'

/** Unequal for less than this, between two online replicas, reads as "converging" rather than "≠". */
export const CONVERGING_GRACE_MS = 1500

export type OverallKind = 'alone' | 'equal' | 'converging' | 'differs'

export interface OverallVerdict {
  kind: OverallKind
  /** The headline, e.g. "A = A′" or "A ≠ A′". */
  headline: string
  /** One line under it. */
  detail: string
}

const named = (p: PeerView) => `${p.name} (${p.label})`

const away = (p: PeerView) =>
  p.presence === 'left' ? `${named(p)} ${p.wentOffline ? 'went offline' : 'left the room'}; as last seen, ` : p.presence === 'unreachable' ? 'As last seen before going offline, ' : ''

/**
 * The verdict the page shows first: this replica against every replica it can compare with,
 * including those that left (as last seen, so a replica that went offline visibly drifts apart).
 */
export const overallVerdict = (
  peers: readonly PeerView[],
  online: boolean,
  now: number,
  /** While the class is split: this replica's group (its number from 1) and how many there are; only its group's peers are passed. */
  split?: { group: number; groups: number },
): OverallVerdict => {
  const compared = peers.filter((p) => p.verdict !== null)
  const apart = split === undefined ? '' : ` The teacher split the class: the other group${split.groups > 2 ? 's are' : ' is'} apart until the network heals.`
  if (compared.length === 0) {
    return {
      kind: 'alone',
      headline: 'A',
      detail:
        split !== undefined
          ? `Alone in group ${split.group}.${apart}`
          : online
            ? 'Alone in this room. Open another replica to compare A with A′.'
            : 'Offline and alone: edit freely, then go back online.',
    }
  }
  const unequal = compared.filter((p) => !p.verdict!.equal)
  const here = compared.filter((p) => p.presence === 'here').length
  if (unequal.length === 0) {
    const others =
      split !== undefined
        ? compared.length === 1
          ? `the other replica of group ${split.group}`
          : `the ${compared.length} other replicas of group ${split.group}`
        : compared.length === 1
          ? named(compared[0])
          : `every other replica (${compared.length})`
    return {
      kind: 'equal',
      headline: 'A = A′',
      detail: `Same code and same state as ${others}${here < compared.length ? ', as last seen' : ''}.${apart}`,
    }
  }
  const fresh =
    online && unequal.every((p) => p.presence === 'here' && p.unequalSince !== null && now - p.unequalSince < CONVERGING_GRACE_MS)
  const codeDiffers = unequal.some((p) => !p.verdict!.codeEqual)
  if (fresh && !codeDiffers) return { kind: 'converging', headline: 'A ≈ A′', detail: 'Updates in flight: converging…' }
  const first = unequal[0]
  const what = first.verdict!.differences[0] ?? 'the states differ'
  const more = unequal.length > 2 ? ` (and ${unequal.length - 1} more replicas differ)` : unequal.length === 2 ? ' (and 1 more replica differs)' : ''
  return { kind: 'differs', headline: 'A ≠ A′', detail: `${away(first)}${what}${more}` }
}
