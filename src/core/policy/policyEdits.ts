import { MAX_DELAY_MS, MAX_LOSS, type NetworkPolicy } from './NetworkPolicy'

/**
 * The presenter's edits of a policy. Each returns a new policy with `version` bumped past both the
 * old one and `now` (wall-clock ms), so versions keep increasing across presenter reloads.
 */
const next = (p: NetworkPolicy, now: number, patch: Partial<NetworkPolicy>): NetworkPolicy => ({
  ...p,
  ...patch,
  version: Math.max(Math.floor(now), p.version + 1),
})

/** Drops empty groups, and collapses to "everyone together" when fewer than two remain. */
const tidy = (groups: number[][]): number[][] => {
  const kept = groups.filter((g) => g.length > 0)
  return kept.length < 2 ? [] : kept
}

/** Keeps group-scoped delay/loss pointing at an existing group (else they apply to everyone). */
const rescope = (p: NetworkPolicy): NetworkPolicy => {
  const ok = (g: number | null) => (g !== null && g < p.groups.length ? g : null)
  return { ...p, delay: { ...p.delay, group: ok(p.delay.group) }, loss: { ...p.loss, group: ok(p.loss.group) } }
}

/** Splits the replicas in two halves by the order given (the presenter passes them as shown). */
export const splitInTwo = (p: NetworkPolicy, replicas: readonly number[], now: number): NetworkPolicy => {
  const half = Math.ceil(replicas.length / 2)
  return rescope(next(p, now, { groups: tidy([replicas.slice(0, half), replicas.slice(half)]) }))
}

/**
 * Moves one replica into group `to` (an index; `groups.length` or more makes a new group).
 * `replicas` are all the replicas the presenter shows: with no groups yet, they all start in group 0.
 */
export const moveToGroup = (p: NetworkPolicy, clientID: number, to: number, replicas: readonly number[], now: number): NetworkPolicy => {
  const groups = p.groups.length > 0 ? p.groups.map((g) => [...g]) : [[...replicas]]
  for (const id of replicas) if (!groups.some((g) => g.includes(id))) groups[0].push(id)
  for (const g of groups) {
    const i = g.indexOf(clientID)
    if (i >= 0) g.splice(i, 1)
  }
  if (to >= groups.length) groups.push([clientID])
  else groups[to].push(clientID)
  return rescope(next(p, now, { groups: tidy(groups), cut: p.cut.filter((c) => c !== clientID) }))
}

export const setCut = (p: NetworkPolicy, clientID: number, cut: boolean, now: number): NetworkPolicy =>
  next(p, now, { cut: cut ? [...new Set([...p.cut, clientID])] : p.cut.filter((c) => c !== clientID) })

/** Heal: the network back to normal: everybody together, nobody cut, no delay, no loss. */
export const heal = (p: NetworkPolicy, now: number): NetworkPolicy =>
  next(p, now, { groups: [], cut: [], delay: { ms: 0, group: null }, loss: { rate: 0, group: null } })

export const setDelay = (p: NetworkPolicy, ms: number, group: number | null, now: number): NetworkPolicy =>
  rescope(next(p, now, { delay: { ms: Math.round(Math.min(Math.max(ms, 0), MAX_DELAY_MS)), group } }))

export const setLoss = (p: NetworkPolicy, rate: number, group: number | null, now: number): NetworkPolicy =>
  rescope(next(p, now, { loss: { rate: Math.min(Math.max(rate, 0), MAX_LOSS), group } }))
