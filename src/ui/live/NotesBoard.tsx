import { useEffect, useRef, useState } from 'react'
import { NotesBoardWidget } from '../widgets/NotesBoardWidget'
import { observeWidth } from '../widgets/observeWidth'
import { useLive } from './liveContext'

/** A board of notes: add, edit, drag, recolour, delete. Each field is last-writer-wins. */
export const NotesBoard = () => {
  const notes = useLive((s) => s.notes)
  const actions = useLive((s) => s.actions)
  const ref = useRef<HTMLElement>(null)
  const [shown, setShown] = useState<number | undefined>(undefined)
  useEffect(() => (ref.current === null ? undefined : observeWidth(ref.current, setShown)), [])
  return (
    <section className="card play-notes" aria-labelledby="notes-title" ref={ref}>
      <h2 id="notes-title">Notes</h2>
      <NotesBoardWidget notes={notes} actions={actions} shownWidth={shown} />
      <p className="explain">
        Two replicas that move the same note at once agree on one position: for each field, every replica picks
        the same winner.
      </p>
    </section>
  )
}
