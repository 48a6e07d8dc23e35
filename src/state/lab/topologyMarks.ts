import type { RecordedAction, TimedAction } from '../../core/sim'
import type { TopologyMark } from './labStore'
import { describeGroups, effectiveGroups } from './partitionGroups'

const MAX_MARKS = 300

/**
 * The diagram's topology marks, from what was done to the network up to `now` (a scenario's
 * plan and the user's actions): a pure function of the run, so a seek shows the marks of that
 * moment, including changes a seek jumped over.
 */
export const topologyMarks = (
  plan: readonly TimedAction[],
  actions: readonly RecordedAction[],
  now: number,
  live: readonly number[],
  name: (id: number) => string,
): TopologyMark[] => {
  const all = [...plan.filter((p) => p.at <= now), ...actions].sort((a, b) => a.at - b.at)
  const out: TopologyMark[] = []
  for (const { at: t, action: a } of all) {
    switch (a.type) {
      case 'partition': {
        const groups = effectiveGroups(a.groups, live)
        out.push(groups === null ? { t, kind: 'heal', label: 'partition ended' } : { t, kind: 'partition', label: `partition ${describeGroups(groups, name)}` })
        break
      }
      case 'heal':
        out.push({ t, kind: 'heal', label: 'healed' })
        break
      case 'cutLink':
        out.push({ t, kind: 'cut', label: `cut ${name(a.a)}–${name(a.b)}` })
        break
      case 'restoreLink':
        out.push({ t, kind: 'restore', label: `restored ${name(a.a)}–${name(a.b)}` })
        break
      default:
    }
  }
  return out.slice(-MAX_MARKS)
}
