import { listNotes, sharedText } from '../../schema'
import { Simulation } from '../Simulation'
import type { Scenario } from './Scenario'

const CLIENTS = [4_000_001, 4_000_002, 4_000_003]
const NOTE_ID = `${CLIENTS[2].toString(36)}-0`
const EXPECTED = 'hello very world'

/** One replica deletes a passage while another types inside it; a note is deleted while being moved. */
export const deleteVsEdit: Scenario = {
  id: 'delete-vs-edit',
  title: 'Delete versus concurrent edit',
  explanation: [
    'All replicas start from "hello brave new world". A deletes "brave new " while, at the same moment, A′ types "very " between "brave " and "new". Meanwhile A″ creates a note; once everyone has it, A deletes the note while A′ drags it.',
    'A deletion in Yjs names the exact characters it removes, not a range of positions: A removes the characters it saw, and A′’s new characters were not among them, so they survive, now between "hello " and "world".',
    'The note is a map inside the notes map: deleting it removes the entry, and A′’s move writes into a map that no longer has a place in the document. Every replica reaches the same verdict: the note is gone.',
  ],
  claim: `All replicas show "${EXPECTED}" and no note.`,
  settleAt: 2500,
  create: (seed = 5) =>
    new Simulation({
      seed,
      replicas: 3,
      clientIds: CLIENTS,
      initialText: 'hello brave new world',
      link: { latencyMs: 100, jitterMs: 50 },
      plan: [
        { at: 100, action: { type: 'edit', replica: 0, edit: { type: 'deleteText', index: 6, length: 10 } } },
        { at: 100, action: { type: 'edit', replica: 1, edit: { type: 'insertText', index: 12, text: 'very ' } } },
        { at: 500, action: { type: 'edit', replica: 2, edit: { type: 'addNote', text: 'doomed', x: 10, y: 10 } } },
        { at: 1200, action: { type: 'edit', replica: 0, edit: { type: 'deleteNote', id: NOTE_ID } } },
        { at: 1200, action: { type: 'edit', replica: 1, edit: { type: 'moveNote', id: NOTE_ID, x: 300, y: 300 } } },
      ],
    }),
  check: (sim) => {
    const texts = sim.replicas.map((r) => sharedText(r.doc).toString())
    const notes = sim.replicas.map((r) => listNotes(r.doc).length)
    const ok = texts.every((t) => t === EXPECTED) && notes.every((n) => n === 0)
    return { ok, detail: `texts: ${texts.map((t) => JSON.stringify(t)).join(', ')}; notes per replica: ${notes.join(', ')}` }
  },
}
