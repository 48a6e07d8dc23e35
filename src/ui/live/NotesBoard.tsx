import { NotesBoardWidget } from '../widgets/NotesBoardWidget'
import { useLive } from './liveContext'

/** A board of notes: add, edit, drag, recolour, delete. Each field is last-writer-wins. */
export const NotesBoard = () => {
  const notes = useLive((s) => s.notes)
  const actions = useLive((s) => s.actions)
  return (
    <section className="card play-notes" aria-labelledby="notes-title">
      <h2 id="notes-title">Notes</h2>
      <NotesBoardWidget notes={notes} actions={actions} />
      <p className="explain">
        Two replicas that move the same note at once agree on one position: for each field, every replica picks
        the same winner.
      </p>
    </section>
  )
}
