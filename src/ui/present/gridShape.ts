/** Tiles are laid out wider than tall, about this ratio. */
const TILE_ASPECT = 1.15
/** Few tiles do not grow past this height (px). */
const MAX_TILE_H = 240

export interface GridShape {
  cols: number
  rows: number
  tileW: number
  tileH: number
}

/**
 * The grid that fits `n` tiles in a `width` × `height` box without scrolling and makes them as
 * large as possible at about TILE_ASPECT (40 tiles in 1370 × 800 px: 8 columns of 5 rows).
 */
export const gridShape = (n: number, width: number, height: number, gap: number): GridShape => {
  let best: GridShape = { cols: 1, rows: Math.max(n, 1), tileW: width, tileH: 0 }
  let bestScore = -1
  for (let cols = 1; cols <= Math.max(n, 1); cols++) {
    const rows = Math.ceil(Math.max(n, 1) / cols)
    const tileW = (width - gap * (cols - 1)) / cols
    const tileH = Math.min((height - gap * (rows - 1)) / rows, MAX_TILE_H)
    const score = Math.min(tileW, tileH * TILE_ASPECT)
    if (score > bestScore) {
      bestScore = score
      best = { cols, rows, tileW, tileH }
    }
  }
  return best
}
