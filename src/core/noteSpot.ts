/** The notes board as every replica lays it out (its width is squeezed on a phone, positions are shared). */
export const BOARD = { width: 560, height: 300 } as const
/** A note's footprint on the board. */
export const NOTE_BOX = { width: 150, height: 100 } as const

const GAP = 8
const STEP = 10

const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }): boolean =>
  a.x < b.x + NOTE_BOX.width + GAP && b.x < a.x + NOTE_BOX.width + GAP && a.y < b.y + NOTE_BOX.height + GAP && b.y < a.y + NOTE_BOX.height + GAP

/**
 * Where a new note goes: `wanted` when no note is there, else the free place nearest to it (on a
 * 10 px grid inside the board), so two new notes never land on each other while there is room.
 * A full board keeps `wanted`.
 */
export const freeNoteSpot = (notes: ReadonlyArray<{ x: number; y: number }>, wanted: { x: number; y: number }): { x: number; y: number } => {
  if (!notes.some((n) => overlaps(n, wanted))) return wanted
  let best: { x: number; y: number } | null = null
  let bestD = Number.POSITIVE_INFINITY
  for (let y = 0; y <= BOARD.height - NOTE_BOX.height; y += STEP)
    for (let x = 0; x <= BOARD.width - NOTE_BOX.width; x += STEP) {
      const p = { x, y }
      if (notes.some((n) => overlaps(n, p))) continue
      const d = (x - wanted.x) ** 2 + (y - wanted.y) ** 2
      if (d < bestD) {
        bestD = d
        best = p
      }
    }
  return best ?? wanted
}
