import type { NodeView } from '../../core/lecture/types'

/** The diagram's coordinate space (SVG user units). */
export const DIAGRAM_W = 360
export const DIAGRAM_H = 200

type Point = readonly [number, number]

const TOP = 44
const BOTTOM = 156
const MIDDLE = (TOP + BOTTOM) / 2

/** Clients on the left, A above A′ in the middle, caches and the database on the right. */
const PLACES: Readonly<Record<string, Point>> = {
  C: [42, TOP],
  D: [42, BOTTOM],
  A: [170, TOP],
  A2: [170, BOTTOM],
  K1: [262, TOP],
  K2: [262, BOTTOM],
}

/** Where each node sits; the database moves right when caches stand in front of it. */
export const placeNodes = (nodes: readonly NodeView[]): ReadonlyMap<string, Point> => {
  const hasCache = nodes.some((n) => n.kind === 'cache')
  const out = new Map<string, Point>()
  for (const n of nodes) {
    const p = PLACES[n.id] ?? (n.kind === 'db' ? ([hasCache ? 326 : 292, MIDDLE] as const) : ([DIAGRAM_W / 2, MIDDLE] as const))
    out.set(n.id, p)
  }
  return out
}

/** A point a fraction `f` of the way from `a` to `b`. */
export const along = (a: Point, b: Point, f: number): Point => [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f]
