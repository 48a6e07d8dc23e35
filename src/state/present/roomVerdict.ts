import { plainDifference } from '../../core/plainDifference'
import type { Tile } from './tiles'

export interface RoomVerdict {
  /** `groups`: split, and every group agrees inside itself. */
  kind: 'alone' | 'equal' | 'converging' | 'differs' | 'groups'
  headline: string
  /** What differs, one line per replica (at most 3, then "and N more"). */
  details: string[]
}

const moreLine = (n: number): string => (n === 1 ? 'and 1 more replica differs' : `and ${n} more replicas differ`)

/** What differs, each sentence once (many tiles can lack the same edits), at most 3 lines. */
const firstLines = (differs: readonly Tile[]): string[] => {
  const lines: string[] = []
  let shown = 0
  for (const t of differs) {
    const line = t.difference ?? `${t.name}: the states differ`
    if (!lines.includes(line)) {
      if (lines.length === 2 && differs.length - shown > 1) break
      lines.push(line)
    }
    shown++
  }
  if (shown < differs.length) lines.push(moreLine(differs.length - shown))
  return lines
}

/**
 * While the class is split: each group is judged inside itself (tiles compare with their group),
 * and the groups with each other, in plain words ("group 2 has not seen 10 of Ana's edits").
 */
const splitVerdict = (here: readonly Tile[], all: readonly Tile[]): RoomVerdict => {
  const inGroups = here.filter((t) => !t.cut)
  const groupIds = [...new Set(inGroups.map((t) => t.group))].sort((a, b) => a - b)
  const k = groupIds.length
  const cut = here.length - inGroups.length
  const cutLine = cut === 0 ? [] : [cut === 1 ? '1 replica is cut off.' : `${cut} replicas are cut off.`]
  const differs = inGroups.filter((t) => t.verdict === 'differs')
  const converging = inGroups.filter((t) => t.verdict === 'converging' || t.verdict === 'unknown')
  if (differs.length > 0)
    return { kind: 'differs', headline: `${k} groups: ${differs.length} of ${inGroups.length} differ inside their group`, details: [...firstLines(differs), ...cutLine] }
  if (converging.length > 0)
    return { kind: 'converging', headline: `${k} groups: ${converging.length} of ${inGroups.length} catching up`, details: ['Updates in flight inside the groups…', ...cutLine] }
  const nameOf = (c: number) => all.find((t) => t.clientID === c)?.name ?? `replica ${c}`
  const reps = groupIds.map((g) => inGroups.find((t) => t.group === g && t.reference === null) ?? inGroups.find((t) => t.group === g)!)
  const base = reps[0]
  const between: string[] = []
  let same = true
  for (const r of reps.slice(1)) {
    if (base.info === null || r.info === null) continue
    const words = plainDifference({ name: `group ${base.group + 1}`, info: base.info }, { name: `group ${r.group + 1}`, info: r.info }, nameOf)
    if (base.info.digest !== r.info.digest) same = false
    between.push(...words)
  }
  const apart = k === 2 ? 'group 1 ≠ group 2' : 'the groups differ'
  const headline = same ? `${k} groups: A = A′ inside each, and no edits since the split` : `${k} groups: A = A′ inside each; ${apart}`
  const details = between.length > 3 ? [...between.slice(0, 2), `and ${between.length - 2} more differences`] : between
  return { kind: 'groups', headline, details: [...(same ? ['Edit on both sides and watch the groups drift apart.'] : details), ...cutLine] }
}

/**
 * The wall's one verdict over every replica in the room now (those that left are not counted):
 * "A = A′ for all 27 replicas", or "4 of 27 differ" with what differs, each against the presenter's
 * replica; while split, "2 groups: A = A′ inside each; group 1 ≠ group 2".
 */
export const roomVerdict = (tiles: readonly Tile[]): RoomVerdict => {
  const here = tiles.filter((t) => t.presence === 'here')
  const n = here.length
  if (n <= 1) return { kind: 'alone', headline: 'A', details: ['No other replica yet: scan the code to join.'] }
  if (new Set(here.filter((t) => !t.cut).map((t) => t.group)).size > 1) return splitVerdict(here, tiles)
  const differs = here.filter((t) => t.verdict === 'differs')
  const converging = here.filter((t) => t.verdict === 'converging' || t.verdict === 'unknown')
  if (differs.length === 0 && converging.length === 0)
    return { kind: 'equal', headline: `A = A′ for all ${n} replicas`, details: ['Same code and same state everywhere.'] }
  if (differs.length === 0)
    return { kind: 'converging', headline: `A ≈ A′: ${converging.length} of ${n} catching up`, details: ['Updates in flight…'] }
  return { kind: 'differs', headline: `${differs.length} of ${n} differ`, details: firstLines(differs) }
}
