import { useRef } from 'react'
import { NOTE_COLORS, type NoteView } from '../../core/schema'

export interface NoteActions {
  addNote(): void
  updateNote(id: string, fields: Partial<Omit<NoteView, 'id'>>): void
  deleteNote(id: string): void
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v))

const NOTE_W = 150
/** Below this drawn width (a phone), each note gets one 44 px colour button instead of six swatches. */
const NARROW = 420

const nextColor = (c: string) => NOTE_COLORS[(NOTE_COLORS.indexOf(c as (typeof NOTE_COLORS)[number]) + 1) % NOTE_COLORS.length]

const Note = ({
  note,
  actions,
  width,
  height,
  sx,
  narrow,
}: {
  note: NoteView
  actions: NoteActions
  width: number
  height: number
  sx: number
  /** On a narrow (touch) board: one 44 px button that cycles the colour instead of six small swatches. */
  narrow: boolean
}) => {
  const drag = useRef<{ dx: number; dy: number } | null>(null)
  const left = note.x * sx
  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    const board = e.currentTarget.closest('.board')!.getBoundingClientRect()
    drag.current = { dx: e.clientX - board.left - left, dy: e.clientY - board.top - note.y }
    e.currentTarget.setPointerCapture(e.pointerId)
  }
  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>) => {
    if (drag.current === null) return
    const board = e.currentTarget.closest('.board')!.getBoundingClientRect()
    actions.updateNote(note.id, {
      x: Math.round(clamp((e.clientX - board.left - drag.current.dx) / sx, 0, width - NOTE_W)),
      y: Math.round(clamp(e.clientY - board.top - drag.current.dy, 0, height - 100)),
    })
  }
  const onPointerUp = () => {
    drag.current = null
  }
  return (
    <div className="note" style={{ left, top: note.y, background: note.color }} data-note-id={note.id}>
      <div
        className="note-grip"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        title="Drag to move"
      >
        <span className="grip-dots" aria-hidden="true">
          ⠿
        </span>
        {narrow ? (
          <button
            type="button"
            className="note-recolor"
            style={{ background: nextColor(note.color) }}
            aria-label="Next colour"
            onPointerDown={(e) => e.stopPropagation()}
            onClick={() => actions.updateNote(note.id, { color: nextColor(note.color) })}
          />
        ) : (
          <span className="swatches">
            {NOTE_COLORS.map((c) => (
              <button
                key={c}
                type="button"
                className={`swatch${c === note.color ? ' on' : ''}`}
                style={{ background: c }}
                aria-label={`Colour ${c}`}
                onPointerDown={(e) => e.stopPropagation()}
                onClick={() => actions.updateNote(note.id, { color: c })}
              />
            ))}
          </span>
        )}
        <button
          type="button"
          className="note-delete"
          aria-label="Delete note"
          onPointerDown={(e) => e.stopPropagation()}
          onClick={() => actions.deleteNote(note.id)}
        >
          ×
        </button>
      </div>
      <textarea
        aria-label="Note text"
        value={note.text}
        placeholder="Write…"
        onChange={(e) => actions.updateNote(note.id, { text: e.target.value })}
      />
    </div>
  )
}

/** A board of notes (add, edit, drag, recolour, delete): the same widget in every view. */
export const NotesBoardWidget = ({
  notes,
  actions,
  width = 560,
  height = 300,
  shownWidth,
}: {
  notes: readonly NoteView[]
  actions: NoteActions
  /** The board's width in the document's pixels (notes' x run from 0 to width − 150). */
  width?: number
  height?: number
  /**
   * The width to draw it at, when narrower (a phone): x positions are squeezed so that every note
   * stays whole on the board, and drags are mapped back, so replicas still agree on x.
   */
  shownWidth?: number
}) => {
  const drawn = shownWidth === undefined ? width : Math.max(NOTE_W + 10, Math.min(width, Math.floor(shownWidth)))
  const sx = (drawn - NOTE_W) / (width - NOTE_W)
  return (
    <>
      <button type="button" className="add-note" onClick={() => actions.addNote()}>
        + Add note
      </button>
      <div className="board" style={{ width: drawn, height }}>
        {notes.length === 0 && <p className="muted board-empty">No notes yet. Add one, then drag it around.</p>}
        {notes.map((n) => (
          <Note key={n.id} note={n} actions={actions} width={width} height={height} sx={sx} narrow={drawn < NARROW} />
        ))}
      </div>
    </>
  )
}
