import { counterValue } from '../../schema'
import type { TimedAction } from '../actions'
import { counterLwwValue } from '../labCounter'
import { Simulation } from '../Simulation'
import type { Scenario } from './Scenario'

const REPLICAS = 3
const CLICKS = 5

/** Each replica clicks +1 five times while cut off; one shared number keeps 5, per-replica counts keep 15. */
export const counter: Scenario = {
  id: 'counter',
  title: 'The counter: one shared number loses increments',
  explanation: [
    `Three replicas are cut off from each other and each clicks +1 ${CLICKS} times on two counters. The first, counterLww, is one number under one key: a click reads it and writes it plus one. The second is the schema’s counter: each replica only writes its own entry (its clientID → its own count) and the value shown is the sum.`,
    `When the network heals, the three writes to counterLww are concurrent sets of one key: one wins and the other two are overwritten, so it shows ${CLICKS}, not ${REPLICAS * CLICKS}. Nothing went wrong in the sync: the data type cannot express "add one". The per-replica counter never has two writers on one key, so nothing is overwritten and the sum is ${REPLICAS * CLICKS} on every replica.`,
  ],
  claim: `After the heal every replica shows counter ${REPLICAS * CLICKS} and counterLww ${CLICKS}.`,
  settleAt: 2000,
  create: (seed = 2) => {
    const plan: TimedAction[] = [{ at: 0, action: { type: 'partition', groups: [[0], [1], [2]] } }]
    for (let k = 0; k < CLICKS; k++) {
      for (let r = 0; r < REPLICAS; r++) {
        plan.push({ at: 100 + 100 * k, action: { type: 'edit', replica: r, edit: { type: 'counter', delta: 1 } } })
        plan.push({ at: 100 + 100 * k, action: { type: 'edit', replica: r, edit: { type: 'counterLww', delta: 1 } } })
      }
    }
    plan.push({ at: 1000, action: { type: 'heal' } })
    return new Simulation({ seed, replicas: REPLICAS, link: { latencyMs: 80 }, plan })
  },
  check: (sim) => {
    const sums = sim.replicas.map((r) => counterValue(r.doc))
    const lww = sim.replicas.map((r) => counterLwwValue(r.doc))
    const ok = sums.every((v) => v === REPLICAS * CLICKS) && lww.every((v) => v === CLICKS)
    return { ok, detail: `counter: ${sums.join(', ')} (expected ${REPLICAS * CLICKS}); counterLww: ${lww.join(', ')} (${REPLICAS * CLICKS - (lww[0] ?? 0)} increments lost)` }
  },
}
