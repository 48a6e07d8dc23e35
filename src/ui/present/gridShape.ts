/** Tiles are laid out wider than tall, about this ratio. */
const TILE_ASPECT = 1.15
/** Few tiles do not grow past this height (px). */
const MAX_TILE_H = 240
/**
 * Tiles never shrink below this (px): their text stays at 20 px or more, readable from the back
 * of the room; when more tiles than fit at this size are shown, the grid scrolls.
 */
export const MIN_TILE_W = 160
export const MIN_TILE_H = 120

export interface GridShape {
  cols: number
  rows: number
  tileW: number
  tileH: number
}

/**
 * The grid that fits `n` tiles in a `width` × `height` box without scrolling and makes them as
 * large as possible at about TILE_ASPECT (40 tiles in 1370 × 760 px: 8 columns of 5 rows). When
 * they would be smaller than MIN_TILE_W × MIN_TILE_H, as many columns of that size as fit, and the
 * rows scroll.
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
  if (n > 0 && width > 0 && (best.tileW < MIN_TILE_W || best.tileH < MIN_TILE_H)) {
    const cols = Math.max(1, Math.min(n, Math.floor((width + gap) / (MIN_TILE_W + gap))))
    return { cols, rows: Math.ceil(n / cols), tileW: (width - gap * (cols - 1)) / cols, tileH: MIN_TILE_H }
  }
  return best
}
