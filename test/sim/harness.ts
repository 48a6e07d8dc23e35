import fc from 'fast-check'
import { listNotes, NOTE_COLORS } from '../../src/core/schema'
import type { Edit } from '../../src/core/sim/edits'
import { Simulation } from '../../src/core/sim/Simulation'
import type * as Y from 'yjs'

/** One user operation of a random run: an edit of replica `replica % n`, or a network change. */
export type Op =
  | { at: number; kind: 'insert'; replica: number; pos: number; text: string }
  | { at: number; kind: 'delete'; replica: number; pos: number; len: number }
  | { at: number; kind: 'note'; replica: number; pick: number; what: 'add' | 'move' | 'color' | 'delete' }
  | { at: number; kind: 'counter'; replica: number; delta: 1 | -1 }
  /** A direct edit of the replica's Y.Doc, not through the engine (as a UI does). */
  | { at: number; kind: 'hand'; replica: number; pos: number; text: string }
  | { at: number; kind: 'partition'; assign: number[] }
  | { at: number; kind: 'cut'; a: number; b: number }
  | { at: number; kind: 'heal' }

const at = fc.integer({ min: 0, max: 3000 })
const replica = fc.nat(11)

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ at, kind: fc.constant('insert' as const), replica, pos: fc.nat(), text: fc.string({ minLength: 1, maxLength: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ at, kind: fc.constant('delete' as const), replica, pos: fc.nat(), len: fc.integer({ min: 1, max: 4 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({ at, kind: fc.constant('note' as const), replica, pick: fc.nat(), what: fc.constantFrom('add' as const, 'move' as const, 'color' as const, 'delete' as const) }),
  },
  { weight: 2, arbitrary: fc.record({ at, kind: fc.constant('counter' as const), replica, delta: fc.constantFrom(1 as const, -1 as const) }) },
  { weight: 1, arbitrary: fc.record({ at, kind: fc.constant('hand' as const), replica, pos: fc.nat(), text: fc.string({ minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ at, kind: fc.constant('partition' as const), assign: fc.array(fc.nat(2), { minLength: 12, maxLength: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ at, kind: fc.constant('cut' as const), a: replica, b: replica }) },
  { weight: 1, arbitrary: fc.record({ at, kind: fc.constant('heal' as const) }) },
)

/** The edit a random op stands for on replica `r`'s document, or null for network ops. */
const editOf = (doc: Y.Doc, op: Op): Edit | null => {
  const len = doc.getText('text').length
  switch (op.kind) {
    case 'insert':
      return { type: 'insertText', index: op.pos % (len + 1), text: op.text }
    case 'delete':
      return { type: 'deleteText', index: op.pos % (len + 1), length: op.len }
    case 'counter':
      return { type: 'counter', delta: op.delta }
    case 'note': {
      const notes = listNotes(doc)
      if (op.what === 'add' || notes.length === 0) return { type: 'addNote', text: 'n', x: op.pick % 300, y: 7 }
      const id = notes[op.pick % notes.length].id
      if (op.what === 'move') return { type: 'moveNote', id, x: op.pick % 400, y: op.pick % 200 }
      if (op.what === 'color') return { type: 'recolorNote', id, color: NOTE_COLORS[op.pick % NOTE_COLORS.length] }
      return { type: 'deleteNote', id }
    }
    default:
      return null
  }
}

/** Turns a random op into an action on `sim` (through the public, recorded API, or directly on a document for 'hand'). */
export const perform = (sim: Simulation, op: Op): void => {
  const ids = sim.liveIds
  const n = ids.length
  if (op.kind === 'partition') {
    const groups: number[][] = [[], [], []]
    ids.forEach((id, i) => {
      groups[op.assign[i]].push(id)
    })
    sim.partition(groups.filter((g) => g.length > 0))
  } else if (op.kind === 'cut') {
    if (op.a % n !== op.b % n) sim.cutLink(ids[op.a % n], ids[op.b % n])
  } else if (op.kind === 'heal') {
    sim.heal()
  } else if (op.kind === 'hand') {
    const text = sim.replicas[op.replica % n].doc.getText('text')
    text.insert(op.pos % (text.length + 1), op.text)
  } else {
    const edit = editOf(sim.replicas[op.replica % n].doc, op)
    if (edit !== null) sim.edit(ids[op.replica % n], edit)
  }
}

/** Runs `ops` in time order on `sim` (advancing virtual time to each), then heals. */
export const runOps = (sim: Simulation, ops: Op[]): void => {
  for (const op of [...ops].sort((a, b) => a.at - b.at)) {
    sim.advanceTo(op.at)
    perform(sim, op)
  }
  sim.advanceTo(3000)
  sim.heal()
}

export const FAULTY_LINK = { latencyMs: 20, jitterMs: 30, loss: 0.1, duplicate: 0.05, reorder: 0.05 }

export const makeSim = (n: number, seed: number, antiEntropy: boolean, syncOnConnect = true): Simulation =>
  new Simulation({ seed, replicas: n, link: FAULTY_LINK, antiEntropy: { on: antiEntropy, intervalMs: 200 }, syncOnConnect, sampleEveryMs: 0 })
