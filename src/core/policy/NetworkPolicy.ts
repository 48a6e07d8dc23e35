/**
 * The teacher's network policy: which replicas may exchange document traffic, and how their links
 * behave. Every replica applies it to its own incoming traffic (the replica boundary), so it holds
 * even for a replica that ignores it: the others still refuse that replica's messages.
 *
 * - `groups`: replicas (client ids) that can reach each other. Empty: one group, everybody.
 *   A replica listed in no group belongs to the first one (so a newcomer joins group 1).
 * - `cut`: replicas cut off from everybody.
 * - `delay`, `loss`: for every link (`group: null`) or for the links touching one group (its index).
 */
export interface NetworkPolicy {
  room: string
  /** Newest wins; the presenter issues increasing versions (wall-clock milliseconds, bumped). */
  version: number
  groups: number[][]
  cut: number[]
  delay: { ms: number; group: number | null }
  loss: { rate: number; group: number | null }
}

export const MAX_DELAY_MS = 3000
export const MAX_LOSS = 0.5
export const MAX_GROUPS = 16
export const MAX_LISTED = 256

/** Everybody together, no delay, no loss: the network as it is. Version 0 is older than any issued. */
export const openPolicy = (room: string, version = 0): NetworkPolicy => ({
  room,
  version,
  groups: [],
  cut: [],
  delay: { ms: 0, group: null },
  loss: { rate: 0, group: null },
})

/** The index of the group `clientID` belongs to (0 when there are no groups or it is listed in none). */
export const groupOf = (p: NetworkPolicy, clientID: number): number => {
  const i = p.groups.findIndex((g) => g.includes(clientID))
  return Math.max(i, 0)
}

export const isCut = (p: NetworkPolicy, clientID: number): boolean => p.cut.includes(clientID)

/** How the link between two replicas behaves: open or closed (and why), its delay and loss. */
export interface LinkRule {
  open: boolean
  closedBy: 'cut' | 'split' | null
  delayMs: number
  loss: number
}

const touches = (p: NetworkPolicy, group: number | null, a: number, b: number): boolean =>
  group === null || groupOf(p, a) === group || groupOf(p, b) === group

/** The rule for document traffic between `a` and `b` (symmetric). */
export const linkRule = (p: NetworkPolicy, a: number, b: number): LinkRule => {
  const delayMs = touches(p, p.delay.group, a, b) ? p.delay.ms : 0
  const loss = touches(p, p.loss.group, a, b) ? p.loss.rate : 0
  if (a === b) return { open: true, closedBy: null, delayMs: 0, loss: 0 }
  if (isCut(p, a) || isCut(p, b)) return { open: false, closedBy: 'cut', delayMs, loss }
  if (groupOf(p, a) !== groupOf(p, b)) return { open: false, closedBy: 'split', delayMs, loss }
  return { open: true, closedBy: null, delayMs, loss }
}

/** True when the policy restricts who talks to whom (then an unknown sender cannot be admitted). */
export const restrictsLinks = (p: NetworkPolicy): boolean => p.groups.length > 1 || p.cut.length > 0

/** True when the policy changes nothing at all. */
export const isOpen = (p: NetworkPolicy): boolean => !restrictsLinks(p) && p.delay.ms === 0 && p.loss.rate === 0
