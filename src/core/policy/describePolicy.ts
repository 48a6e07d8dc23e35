import { groupOf, isCut, type NetworkPolicy } from './NetworkPolicy'

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`

/**
 * What the teacher's policy does to one replica, in plain words for its page, most important
 * first; empty when the network is as it is. "Nobody thinks the app is broken."
 */
export const describeForReplica = (p: NetworkPolicy, self: number): string[] => {
  const out: string[] = []
  if (isCut(p, self))
    out.push('The teacher has cut this replica off the network: your edits stay here, and nothing arrives, until the teacher heals it.')
  else if (p.groups.length > 1) {
    const g = groupOf(p, self)
    const size = p.groups[g].length
    out.push(
      `The teacher has split the class into ${p.groups.length} groups: you are in group ${g + 1} (${size} replica${size === 1 ? '' : 's'}). Edits reach only your group until the teacher heals.`,
    )
  }
  const scope = (group: number | null) =>
    group === null ? 'every link' : group === groupOf(p, self) ? 'every link of your group' : `links to group ${group + 1}`
  if (p.delay.ms > 0) out.push(`The teacher has delayed the network: ${scope(p.delay.group)} waits ${seconds(p.delay.ms)}.`)
  if (p.loss.rate > 0)
    out.push(`The teacher has made the network lossy: ${scope(p.loss.group)} loses ${Math.round(p.loss.rate * 100)}% of messages (anti-entropy repairs them).`)
  return out
}

/** A short label of the policy for the presenter: "split in 2 groups, 1 cut off, delay 1 s". */
export const summarizePolicy = (p: NetworkPolicy): string => {
  const parts: string[] = []
  if (p.groups.length > 1) parts.push(`split in ${p.groups.length} groups`)
  if (p.cut.length > 0) parts.push(`${p.cut.length} cut off`)
  const where = (g: number | null) => (g === null ? '' : ` for group ${g + 1}`)
  if (p.delay.ms > 0) parts.push(`delay ${seconds(p.delay.ms)}${where(p.delay.group)}`)
  if (p.loss.rate > 0) parts.push(`loss ${Math.round(p.loss.rate * 100)}%${where(p.loss.group)}`)
  return parts.length === 0 ? 'everyone together, network as it is' : parts.join(', ')
}
