import { Simulation } from '../Simulation'
import type { Scenario } from './Scenario'

const WORK_ENDS = 6000
const settleAt = WORK_ENDS + 8000

const create = (antiEntropy: boolean) => (seed = 4) =>
  new Simulation({
    seed,
    replicas: 4,
    link: { latencyMs: 50, jitterMs: 30, loss: 0.15 },
    antiEntropy: { on: antiEntropy, intervalMs: 400 },
    plan: [
      { at: 0, action: { type: 'startWorkload', params: { rate: 20, limit: 100 } } },
    ],
  })

/** 15% loss, no repair: updates that are lost stay lost, and later ones wait for them forever. */
export const lossWithoutAntiEntropy: Scenario = {
  id: 'loss-without-anti-entropy',
  title: 'Message loss without anti-entropy never converges',
  explanation: [
    'Four replicas edit over links that lose 15% of messages, and nothing ever re-sends. A replica that misses an update never gets it: y-webrtc, for one, only syncs when a connection opens.',
    'Worse, every later update from the same writer depends on the lost one, so Yjs holds them as pending: the replica has the bytes but cannot show them. The plot never comes down to one state, however long the run.',
  ],
  claim: 'Long after the last edit, the replicas still hold different states (and some hold pending updates).',
  settleAt,
  create: create(false),
  check: (sim) => {
    const distinct = sim.distinctStates()
    const pending = sim.replicas.filter((r) => r.doc.store.pendingStructs !== null || r.doc.store.pendingDs !== null).length
    const lost = sim.log.messages.filter((m) => m.dropReason === 'loss').length
    return {
      ok: !sim.isConverged(),
      detail: `${lost} messages lost; ${distinct} distinct states; ${pending} replica${pending === 1 ? '' : 's'} with pending updates`,
    }
  },
}

/** Same run, with a state-vector exchange every 400 ms: everything lost is repaired. */
export const lossWithAntiEntropy: Scenario = {
  id: 'loss-with-anti-entropy',
  title: 'Message loss with anti-entropy always converges',
  explanation: [
    'The same four replicas and the same 15% loss, now with anti-entropy: every 400 ms each replica sends its state vector (sync step 1) to one peer in turn, and the peer answers with exactly what the asker lacks (sync step 2), plus its delete set.',
    'A lost update, or a lost answer, is simply asked for again in a later round. Since every round has a chance above zero of getting through, every replica eventually holds every update: the plot comes down to one state once the edits stop.',
  ],
  claim: 'Once the edits stop, all replicas converge to one state with nothing pending.',
  settleAt,
  create: create(true),
  check: (sim) => {
    const lost = sim.log.messages.filter((m) => m.dropReason === 'loss').length
    const repairs = sim.log.messages.filter((m) => m.kind === 'sync-step2' && m.receivedAt !== null).length
    return { ok: sim.isConverged(), detail: `${lost} messages lost; ${repairs} sync answers delivered; ${sim.distinctStates()} distinct state(s)` }
  },
}
