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

/**
 * The verdict the page shows first: this replica against every replica it can compare with.
 * Replicas that left are compared as last seen but do not make the room unequal.
 */
export const overallVerdict = (peers: readonly PeerView[], online: boolean, now: number): OverallVerdict => {
  const compared = peers.filter((p) => p.verdict !== null && p.presence !== 'left')
  if (compared.length === 0) {
    return {
      kind: 'alone',
      headline: 'A',
      detail: online
        ? 'Alone in this room. Open another replica to compare A with A′.'
        : 'Offline and alone: edit freely, then go back online.',
    }
  }
  const unequal = compared.filter((p) => !p.verdict!.equal)
  const names = compared.length === 1 ? 'A′' : 'every other replica'
  if (unequal.length === 0) {
    return {
      kind: 'equal',
      headline: 'A = A′',
      detail: `Same code and same state as ${names}${compared.length > 1 ? ` (${compared.length} replicas)` : ''}.`,
    }
  }
  const fresh = online && unequal.every((p) => p.presence === 'here' && p.unequalSince !== null && now - p.unequalSince < CONVERGING_GRACE_MS)
  const codeDiffers = unequal.some((p) => !p.verdict!.codeEqual)
  if (fresh && !codeDiffers) return { kind: 'converging', headline: 'A ≈ A′', detail: 'Updates in flight: converging…' }
  const first = unequal[0].verdict!.differences[0] ?? 'states differ'
  const more = unequal.length > 1 ? ` (and ${unequal.length - 1} more replica${unequal.length > 2 ? 's' : ''} differ)` : ''
  return { kind: 'differs', headline: 'A ≠ A′', detail: `${first}${more}` }
}
