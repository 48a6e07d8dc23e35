/**
 * Partitions as the page shows them: every live replica in exactly one group. The engine takes
 * groups as given and puts replicas listed in none into one more group; these helpers make that
 * explicit, so the view can draw islands and move replicas between them.
 */
export type Groups = readonly (readonly number[])[]

/** The groups in force among `live` replicas (ascending ids), or null when all can reach each other. */
export const effectiveGroups = (groups: Groups | null, live: readonly number[]): Groups | null => {
  if (groups === null) return null
  const alive = new Set(live)
  const listed = new Set<number>()
  const out: number[][] = []
  for (const g of groups) {
    const kept = g.filter((id) => alive.has(id) && !listed.has(id))
    for (const id of kept) listed.add(id)
    if (kept.length > 0) out.push(kept)
  }
  const rest = live.filter((id) => !listed.has(id))
  if (rest.length > 0) out.push(rest)
  return out.length > 1 ? out : null
}

/** Two halves: the first ⌈n/2⌉ replicas and the others. */
export const halves = (live: readonly number[]): number[][] => {
  const k = Math.ceil(live.length / 2)
  return [live.slice(0, k), live.slice(k)]
}

/**
 * The groups after moving `replica` into group `target` (an index into the effective groups, or
 * their count for a new group of its own). Empty groups disappear; one group left means none.
 */
export const moveToGroup = (groups: Groups | null, live: readonly number[], replica: number, target: number): number[][] | null => {
  const current = (effectiveGroups(groups, live) ?? [live]).map((g) => [...g])
  const from = current.findIndex((g) => g.includes(replica))
  if (from === -1) return current.length > 1 ? current : null
  if (target === from) return current.length > 1 ? current : null
  if (target >= current.length) current.push([replica])
  else current[target].push(replica)
  current[from] = current[from].filter((id) => id !== replica)
  const out = current.filter((g) => g.length > 0).map((g) => g.sort((a, b) => a - b))
  return out.length > 1 ? out : null
}

/** A readable account of groups: `{A, A′} | {A″, A‴}`. */
export const describeGroups = (groups: Groups, name: (id: number) => string): string =>
  groups.map((g) => `{${g.map(name).join(', ')}}`).join(' | ')
