import type { TimedAction } from '../actions'
import { Simulation } from '../Simulation'
import type { Scenario } from './Scenario'

const HEAL_AT = 3000

/** Two halves edit apart, each converging on its own; after the heal, everyone converges. */
export const partitionHeal: Scenario = {
  id: 'partition-heal',
  title: 'Partition and heal',
  explanation: [
    'Four replicas are split into two groups, {A, A′} and {A″, A‴}, that cannot reach each other. Both sides keep editing text, notes and the counter. Messages across the cut are dropped.',
    'Within each group the replicas converge, so the plot shows two distinct states. When the partition heals, the replicas on each restored link exchange state vectors (sync step 1) and send each other what the other lacks (sync step 2), as y-webrtc does on reconnect. Nothing is lost and nothing needs resolving by hand: the plot drops to one state.',
  ],
  claim: 'During the partition there are exactly two distinct states; after the heal, one.',
  settleAt: HEAL_AT + 1500,
  create: (seed = 3) =>
    new Simulation({
      seed,
      replicas: 4,
      link: { latencyMs: 60, jitterMs: 30 },
      sampleEveryMs: 50,
      plan: [
        { at: 0, action: { type: 'partition', groups: [[0, 1], [2, 3]] } },
        { at: 100, action: { type: 'startWorkload', params: { rate: 8, limit: 16 } } },
        ...[0, 1, 2, 3].map((r): TimedAction => ({ at: 2200, action: { type: 'edit', replica: r, edit: { type: 'counter', delta: 1 } } })),
        { at: HEAL_AT, action: { type: 'heal' } },
      ],
    }),
  check: (sim) => {
    const s = sim.series
    const i = s.indexAt(HEAL_AT - 100)
    const during = i >= 0 ? s.distinct[i] : 0
    const after = sim.distinctStates()
    const crossDrops = sim.log.messages.filter((m) => m.dropReason === 'partition').length
    const ok = during === 2 && after === 1 && sim.isConverged() && crossDrops > 0
    return {
      ok,
      detail: `just before the heal: ${during} distinct states; ${crossDrops} messages dropped by the partition; after the heal: ${after} state${after === 1 ? '' : 's'}`,
    }
  },
}
