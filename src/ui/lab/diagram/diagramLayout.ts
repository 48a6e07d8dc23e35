import type { SimMessage } from '../../../core/sim'

/** One horizontal line of the space-time diagram: a live replica. */
export interface Lane {
  id: number
  name: string
  color: string
}

/** Where things go on the diagram: time runs left to right, one lane per replica. */
export interface Geometry {
  width: number
  height: number
  /** Left column holding the replicas' names. */
  gutter: number
  /** Band above the lanes for the time axis and topology labels. */
  top: number
  laneH: number
  pxPerMs: number
  /** Virtual time at the left and right edges of the plot area. */
  start: number
  end: number
}

export const GUTTER = 72
export const AXIS_H = 46
export const BOTTOM = 10
export const MIN_PX_PER_MS = 0.001
export const MAX_PX_PER_MS = 8

/** Lanes get tighter as replicas are added, so 32 still fit on a projector. */
export const laneHeight = (lanes: number): number => (lanes <= 4 ? 50 : lanes <= 8 ? 40 : lanes <= 12 ? 34 : lanes <= 20 ? 24 : 15)

export const diagramHeight = (lanes: number): number => AXIS_H + Math.max(1, lanes) * laneHeight(lanes) + BOTTOM

export const geometry = (width: number, lanes: number, pxPerMs: number, end: number): Geometry => {
  const plot = Math.max(1, width - GUTTER)
  return { width, height: diagramHeight(lanes), gutter: GUTTER, top: AXIS_H, laneH: laneHeight(lanes), pxPerMs, start: end - plot / pxPerMs, end }
}

export const xOf = (g: Geometry, t: number): number => g.gutter + (t - g.start) * g.pxPerMs
export const timeAt = (g: Geometry, x: number): number => g.start + (x - g.gutter) / g.pxPerMs
export const yOf = (g: Geometry, lane: number): number => g.top + (lane + 0.5) * g.laneH

/** The view's right edge when following "now": a little room after it, for arrows in flight. */
export const followEnd = (now: number, pxPerMs: number): number => now + 48 / pxPerMs

/** A tick step (virtual ms) that puts labels about 110 px apart or more. */
export const tickStep = (pxPerMs: number): number => {
  const want = 110 / pxPerMs
  const p = 10 ** Math.floor(Math.log10(want))
  for (const m of [1, 2, 5, 10]) if (m * p >= want) return m * p
  return 10 * p
}

/** "1.25 s", "80 ms": how a time reads on the axis. */
export const formatTime = (ms: number, step = 1): string => {
  if (step < 1000 && Math.abs(ms) < 1000) return `${Math.round(ms)} ms`
  const decimals = step >= 1000 ? 0 : step >= 100 ? 1 : step >= 10 ? 2 : 3
  return `${(ms / 1000).toFixed(decimals)} s`
}

/** Until when a message's line runs: its arrival, its drop, or "now" while in flight. */
export const endOf = (m: SimMessage, now: number): number => m.receivedAt ?? m.droppedAt ?? Math.min(now, m.arriveAt)

/**
 * The message's line: from (sentAt, sender lane) toward (arriveAt, receiver lane), cut at `endOf`.
 * A message dropped the moment it was sent gets a short stub toward its receiver.
 */
export const segment = (g: Geometry, m: SimMessage, fromLane: number, toLane: number, now: number): [number, number, number, number] => {
  const x1 = xOf(g, m.sentAt)
  const y1 = yOf(g, fromLane)
  const y2 = yOf(g, toLane)
  const span = m.arriveAt - m.sentAt
  if (span <= 0) {
    const dir = Math.sign(y2 - y1) || 1
    return [x1, y1, x1 + 8, y1 + dir * Math.min(14, Math.abs(y2 - y1) / 2)]
  }
  const t = endOf(m, now)
  const f = Math.max(0, Math.min(1, (t - m.sentAt) / span))
  return [x1, y1, xOf(g, t), y1 + (y2 - y1) * f]
}

/** Index of the first message sent at or after `t` (messages are in send order). */
export const firstSentFrom = (list: readonly SimMessage[], t: number): number => {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (list[mid].sentAt < t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Distance from (px, py) to the segment (x1, y1)–(x2, y2). */
export const distanceToSegment = (px: number, py: number, x1: number, y1: number, x2: number, y2: number): number => {
  const dx = x2 - x1
  const dy = y2 - y1
  const len2 = dx * dx + dy * dy
  const f = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len2))
  return Math.hypot(px - (x1 + f * dx), py - (y1 + f * dy))
}
