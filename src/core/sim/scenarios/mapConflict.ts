import { listNotes } from '../../schema'
import type { TimedAction } from '../actions'
import { Simulation } from '../Simulation'
import type { Scenario } from './Scenario'

/** Fixed clientIDs, so the plan can name the note (ids are clientID-clock) and the page can show who wins. */
const CLIENTS = [3_812_113, 10_227_010, 5_367_715]
const NOTE_ID = `${CLIENTS[0].toString(36)}-0`
const POSITIONS = [
  { x: 40, y: 40 },
  { x: 220, y: 60 },
  { x: 120, y: 200 },
]

/** Three replicas move the same note at the same moment: one position wins everywhere. */
export const mapConflict: Scenario = {
  id: 'map-conflict',
  title: 'Concurrent sets of the same map key',
  explanation: [
    'A note is created on A and reaches every replica. Then, at the same virtual moment, each of the three replicas drags it somewhere else: three concurrent writes to the same keys x and y.',
    'A Yjs map keeps, under each key, a tiny list of the values written there. Concurrent writes have the same left neighbour (the value they overwrote), and Yjs orders them by clientID, so the write of the replica with the highest clientID ends up last, and the last value is the one the map shows.',
    'Every replica applies the same rule to the same set of writes, whatever order they arrive in, so all agree on the winner without asking anyone. The other writes are not merged: they are overwritten.',
  ],
  claim: 'Every replica shows the note where the replica with the highest clientID put it.',
  settleAt: 1500,
  create: (seed = 11) =>
    new Simulation({
      seed,
      replicas: 3,
      clientIds: CLIENTS,
      link: { latencyMs: 150, jitterMs: 80 },
      plan: [
        { at: 50, action: { type: 'edit', replica: 0, edit: { type: 'addNote', text: 'drag me', x: 0, y: 0 } } },
        ...POSITIONS.map(
          (p, i): TimedAction => ({ at: 600, action: { type: 'edit', replica: i, edit: { type: 'moveNote', id: NOTE_ID, x: p.x, y: p.y } } }),
        ),
      ],
    }),
  check: (sim) => {
    const notes = sim.replicas.map((r) => listNotes(r.doc))
    const writers = sim.replicas.slice(0, POSITIONS.length)
    const winner = writers.reduce((best, r) => (r.clientId > best.clientId ? r : best))
    const want = POSITIONS[writers.indexOf(winner)]
    const ok = notes.every((n) => n.length === 1 && n[0].id === NOTE_ID && n[0].x === want.x && n[0].y === want.y)
    const shown = notes.map((n) => (n.length === 1 ? `(${n[0].x}, ${n[0].y})` : `${n.length} notes`)).join(', ')
    return {
      ok,
      detail: `${winner.name} has the highest clientID (${winner.clientId}) and put the note at (${want.x}, ${want.y}); the replicas show ${shown}`,
    }
  },
}
