import type { Tile } from './tiles'

export interface RoomVerdict {
  kind: 'alone' | 'equal' | 'converging' | 'differs'
  headline: string
  /** What differs, one line per replica (at most 3, then "and N more"). */
  details: string[]
}

/**
 * The wall's one verdict over every replica in the room now (those that left are not counted):
 * "A = A′ for all 27 replicas", or "4 of 27 differ" with what differs, each against the presenter's replica.
 */
export const roomVerdict = (tiles: readonly Tile[]): RoomVerdict => {
  const here = tiles.filter((t) => t.presence === 'here')
  const n = here.length
  if (n <= 1) return { kind: 'alone', headline: 'A', details: ['No other replica yet: scan the code to join.'] }
  const differs = here.filter((t) => t.verdict === 'differs')
  const converging = here.filter((t) => t.verdict === 'converging' || t.verdict === 'unknown')
  if (differs.length === 0 && converging.length === 0)
    return { kind: 'equal', headline: `A = A′ for all ${n} replicas`, details: ['Same code and same state everywhere.'] }
  if (differs.length === 0)
    return { kind: 'converging', headline: `A ≈ A′: ${converging.length} of ${n} catching up`, details: ['Updates in flight…'] }
  const details = differs.slice(0, differs.length > 3 ? 2 : 3).map((t) => t.difference ?? `${t.name}: the states differ`)
  if (differs.length > 3) details.push(`and ${differs.length - 2} more replicas differ`)
  return { kind: 'differs', headline: `${differs.length} of ${n} differ`, details }
}
