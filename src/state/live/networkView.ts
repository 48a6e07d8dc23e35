/** What the page shows about the teacher's network policy: what it does to this replica, and what was refused. */
export interface NetworkView {
  /** The policy version this replica follows; null while it follows none. */
  version: number | null
  /** What the policy does to this replica, in words (empty: the network as it is). */
  lines: string[]
  /** Control messages refused, newest first (at most 5). */
  refused: Array<{ from: number; reason: string; time: number }>
  /**
   * While the class is split (and this replica is not cut off): the index of its group, how many
   * groups there are, and who is in its group (a replica listed in no group is in the first one).
   */
  group: { index: number; count: number; listed: number[][] } | null
}

export const NO_NETWORK_POLICY: NetworkView = { version: null, lines: [], refused: [], group: null }

/** The client ids among `ids` in this replica's group, or all of them when not split. */
export const sameGroup = (group: NetworkView['group'], ids: readonly number[]): Set<number> => {
  if (group === null) return new Set(ids)
  const groupOf = (id: number) => Math.max(0, group.listed.findIndex((g) => g.includes(id)))
  return new Set(ids.filter((id) => groupOf(id) === group.index))
}
