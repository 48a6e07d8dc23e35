import { Simulation } from '../Simulation'
import type { Scenario } from './Scenario'

/** Duplicated and reordered messages do no harm: updates are idempotent and commute. */
export const duplicatesReordering: Scenario = {
  id: 'duplicates-reordering',
  title: 'Duplicates and reordering are harmless',
  explanation: [
    'Four replicas edit over links that deliver 30% of messages twice and let 30% overtake earlier ones. No message is lost.',
    'Applying a Yjs update a second time changes nothing (every op has a unique id, already known), and an update that arrives before one it depends on waits as pending until the missing one comes. So every replica ends in the same state, with no anti-entropy needed.',
  ],
  claim: 'All replicas converge, although many messages arrived twice or out of order.',
  settleAt: 8000,
  create: (seed = 9) =>
    new Simulation({
      seed,
      replicas: 4,
      link: { latencyMs: 60, jitterMs: 40, duplicate: 0.3, reorder: 0.3 },
      plan: [{ at: 0, action: { type: 'startWorkload', params: { rate: 30, limit: 120 } } }],
    }),
  check: (sim) => {
    const dups = sim.log.messages.filter((m) => m.duplicateOf !== null).length
    const reordered = sim.log.messages.filter((m) => m.reordered).length
    return { ok: sim.isConverged(), detail: `${dups} duplicates and ${reordered} reordered messages; ${sim.distinctStates()} distinct state(s)` }
  },
}
