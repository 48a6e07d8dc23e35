import type { MessageLog, SimMessage } from '../../../core/sim'
import type { TopologyMark } from '../../../state/lab/labStore'
import {
  distanceToSegment,
  endOf,
  firstSentFrom,
  formatTime,
  type Geometry,
  geometry,
  type Lane,
  segment,
  tickStep,
  xOf,
  yOf,
} from './diagramLayout'

export interface DiagramInput {
  log: MessageLog
  lanes: readonly Lane[]
  now: number
  pxPerMs: number
  /** Virtual time at the right edge. */
  end: number
  marks: readonly TopologyMark[]
  selected: number | null
  hovered: number | null
  /** CSS pixels. */
  width: number
  dpr: number
}

const INK = '#1f2933'
const MUTED = '#5f6b7a'
const GRID = '#e9edf1'
const TILE_PX = 128
const MAX_TILES = 96
/** More messages than this per pixel column: lines only, thinner and lighter, no heads or markers. */
const DENSE_PER_PX = 1.2
const HIT_PX = 7
const MARKER_PX = 12
/** At most this many lines per drawing pass (a tile or the live tail): past it, every k-th message is drawn (drops always). */
const MAX_LINES = 1500
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'

type Style = 'update' | 'step1' | 'step2'
const STYLE: Record<Style, { width: number; dash: number[] }> = {
  update: { width: 2.25, dash: [] },
  step1: { width: 1.6, dash: [2, 4] },
  step2: { width: 2, dash: [9, 4] },
}
const STYLES: readonly Style[] = ['update', 'step1', 'step2']
const styleOf = (m: SimMessage): Style => (m.kind === 'update' ? 'update' : m.kind === 'sync-step1' ? 'step1' : 'step2')

/** Paths collected for one drawing pass, stroked once per colour and style. */
class Batch {
  /** colour → style → path (no key string built per message: a pass may hold thousands). */
  readonly lines = new Map<string, Partial<Record<Style, Path2D>>>()
  readonly heads = new Map<string, Path2D>()
  readonly crosses = new Path2D()
  readonly rings = new Path2D()
  readonly diamonds = new Path2D()
  count = 0

  line(color: string, style: Style): Path2D {
    let byStyle = this.lines.get(color)
    if (byStyle === undefined) {
      byStyle = {}
      this.lines.set(color, byStyle)
    }
    let p = byStyle[style]
    if (p === undefined) {
      p = new Path2D()
      byStyle[style] = p
    }
    return p
  }

  head(color: string): Path2D {
    let p = this.heads.get(color)
    if (p === undefined) {
      p = new Path2D()
      this.heads.set(color, p)
    }
    return p
  }

  flush(ctx: CanvasRenderingContext2D, dense: boolean): void {
    ctx.lineCap = 'round'
    ctx.globalAlpha = dense ? 0.45 : 0.9
    for (const [color, byStyle] of this.lines) {
      for (const style of STYLES) {
        const p = byStyle[style]
        if (p === undefined) continue
        ctx.strokeStyle = color
        ctx.lineWidth = dense ? 1.1 : STYLE[style].width
        ctx.setLineDash(dense ? [] : STYLE[style].dash)
        ctx.stroke(p)
      }
    }
    ctx.setLineDash([])
    ctx.globalAlpha = 1
    for (const [color, p] of this.heads) {
      ctx.fillStyle = color
      ctx.fill(p)
    }
    ctx.strokeStyle = INK
    ctx.lineWidth = 1.6
    ctx.stroke(this.rings)
    ctx.stroke(this.diamonds)
    ctx.lineWidth = 2.6
    ctx.stroke(this.crosses)
  }
}

const arrowHead = (p: Path2D, x1: number, y1: number, x2: number, y2: number, size = 9): void => {
  const len = Math.hypot(x2 - x1, y2 - y1)
  if (len < 1) return
  const ux = (x2 - x1) / len
  const uy = (y2 - y1) / len
  const w = size * 0.5
  p.moveTo(x2, y2)
  p.lineTo(x2 - ux * size - uy * w, y2 - uy * size + ux * w)
  p.lineTo(x2 - ux * size + uy * w, y2 - uy * size - ux * w)
  p.closePath()
}

/** A filled dot as its own subpath (arc alone would join it to the previous point). */
const dot = (p: Path2D, x: number, y: number, r: number): void => {
  p.moveTo(x + r, y)
  p.arc(x, y, r, 0, Math.PI * 2)
}

const cross = (p: Path2D, x: number, y: number, r = 6): void => {
  p.moveTo(x - r, y - r)
  p.lineTo(x + r, y + r)
  p.moveTo(x + r, y - r)
  p.lineTo(x - r, y + r)
}

/**
 * Draws the space-time diagram on a canvas, incrementally. Time is cut into tiles TILE_PX wide;
 * a tile whose time range ends before both "now" and the oldest message still in flight can never
 * change again (MessageLog: messages before `firstUnsettled` are immutable), so it is drawn once
 * into an offscreen canvas and afterwards only copied. Each frame redraws only the live tail
 * (from the first unfinished tile to the right edge) plus axes and lanes, so the cost per frame
 * does not grow with the number of messages in the run. Lines are batched into one path per
 * colour and style; past ~1 message per pixel column, heads and markers are left out.
 */
export class DiagramRenderer {
  private readonly ctx: CanvasRenderingContext2D | null
  private readonly tiles = new Map<number, { canvas: HTMLCanvasElement; every: number }>()
  private tileKey = ''
  private log: MessageLog | null = null
  private scanned = 0
  private maxDur = 0
  private laneOf = new Map<number, number>()
  private colorOf = new Map<number, string>()
  /** For tests and the benchmark: messages drawn in the live tail last time, tiles drawn so far, the sampling step in force. */
  readonly stats = { live: 0, tilesDrawn: 0, sampled: 1 }

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly makeCanvas: () => HTMLCanvasElement = () => document.createElement('canvas'),
  ) {
    let ctx: CanvasRenderingContext2D | null = null
    try {
      ctx = canvas.getContext('2d')
    } catch {
      ctx = null
    }
    this.ctx = ctx
  }

  /** False where there is no 2D canvas (test DOMs): the diagram then draws nothing. */
  get available(): boolean {
    return this.ctx !== null
  }

  draw(input: DiagramInput): void {
    const ctx = this.ctx
    if (ctx === null || input.width <= 0) return
    const g = geometry(input.width, input.lanes.length, input.pxPerMs, input.end)
    const dpr = input.dpr
    const w = Math.round(g.width * dpr)
    const h = Math.round(g.height * dpr)
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w
      this.canvas.height = h
    }
    this.prepare(input, g)
    this.stats.sampled = 1
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, g.width, g.height)
    this.drawAxis(ctx, g)
    this.drawMarks(ctx, g, input.marks, input.now)
    this.drawLanes(ctx, g, input.lanes)

    const list = input.log.messages
    const ts = TILE_PX / g.pxPerMs
    const fu = input.log.firstUnsettled
    const horizon = Math.min(input.now, fu < list.length ? list[fu].sentAt : input.now)
    const firstLive = Math.floor(horizon / ts)
    ctx.save()
    ctx.beginPath()
    ctx.rect(g.gutter, 0, g.width - g.gutter, g.height)
    ctx.clip()
    const kLast = Math.min(Math.floor(g.end / ts), firstLive - 1)
    for (let k = Math.max(0, Math.floor(g.start / ts)); k <= kLast; k++) {
      const tile = this.tile(k, ts, g, input)
      if (tile.every > this.stats.sampled) this.stats.sampled = tile.every
      const x = Math.round(xOf(g, k * ts) * dpr) / dpr
      ctx.drawImage(tile.canvas, x, 0, TILE_PX, g.height)
    }
    const liveStart = Math.max(g.start, firstLive * ts)
    const lx = xOf(g, liveStart)
    ctx.beginPath()
    ctx.rect(lx, 0, g.width - lx, g.height)
    ctx.clip()
    const live = this.drawRange(ctx, g, list, liveStart, g.end, input.now, Math.min(fu, list.length))
    this.stats.live = live.count
    if (live.every > this.stats.sampled) this.stats.sampled = live.every
    ctx.restore()

    for (const id of [input.selected, input.hovered]) if (id !== null && id < list.length) this.highlight(ctx, g, list[id], input.now)
    this.drawNow(ctx, g, input.now)
    if (this.stats.sampled > 1) {
      ctx.font = `600 13px ${FONT}`
      ctx.textAlign = 'right'
      ctx.fillStyle = MUTED
      ctx.fillText(`dense: about 1 in ${this.stats.sampled} messages drawn, every drop; zoom in for all`, g.width - 6, g.height - 2)
    }
  }

  /** The message nearest to (x, y) in CSS pixels, within a few pixels, or null. */
  hit(input: DiagramInput, x: number, y: number): number | null {
    if (input.lanes.length === 0) return null
    const g = geometry(input.width, input.lanes.length, input.pxPerMs, input.end)
    this.prepare(input, g)
    const list = input.log.messages
    const t = g.start + (x - g.gutter) / g.pxPerMs
    const slack = HIT_PX / g.pxPerMs
    const hi = firstSentFrom(list, t + slack + 1e-6)
    const lo = Math.min(firstSentFrom(list, t - slack - this.maxDur), input.log.firstUnsettled)
    let best: number | null = null
    let bestD = HIT_PX
    for (let i = hi - 1, n = 0; i >= lo && n < 40_000; i--, n++) {
      const m = list[i]
      const a = this.laneOf.get(m.from)
      const b = this.laneOf.get(m.to)
      if (a === undefined || b === undefined || endOf(m, input.now) < t - slack) continue
      const [x1, y1, x2, y2] = segment(g, m, a, b, input.now)
      const d = distanceToSegment(x, y, x1, y1, x2, y2)
      if (d < bestD) {
        bestD = d
        best = m.id
      }
    }
    return best
  }

  /** Lanes, colours, tile cache and the longest settled message, for this input. */
  private prepare(input: DiagramInput, g: Geometry): void {
    if (input.log !== this.log) {
      this.log = input.log
      this.scanned = 0
      this.maxDur = 0
      this.tiles.clear()
    }
    const list = input.log.messages
    const fu = Math.min(input.log.firstUnsettled, list.length)
    for (let i = this.scanned; i < fu; i++) {
      const m = list[i]
      const d = endOf(m, input.now) - m.sentAt
      if (d > this.maxDur) this.maxDur = d
    }
    this.scanned = Math.max(this.scanned, fu)
    const key = `${g.pxPerMs}|${g.height}|${input.dpr}|${input.lanes.map((l) => `${l.id}:${l.color}`).join(',')}`
    if (key !== this.tileKey) {
      this.tileKey = key
      this.tiles.clear()
      this.laneOf = new Map(input.lanes.map((l, i) => [l.id, i]))
      this.colorOf = new Map(input.lanes.map((l) => [l.id, l.color]))
    }
  }

  private tile(k: number, ts: number, g: Geometry, input: DiagramInput): { canvas: HTMLCanvasElement; every: number } {
    const cached = this.tiles.get(k)
    if (cached !== undefined) return cached
    const c = this.makeCanvas()
    c.width = Math.round(TILE_PX * input.dpr)
    c.height = Math.round(g.height * input.dpr)
    const tctx = c.getContext('2d')
    let every = 1
    if (tctx !== null) {
      tctx.setTransform(input.dpr, 0, 0, input.dpr, 0, 0)
      const tg: Geometry = { ...g, gutter: 0, start: k * ts, end: (k + 1) * ts }
      every = this.drawRange(tctx, tg, input.log.messages, k * ts, (k + 1) * ts, input.now, input.log.messages.length).every
    }
    this.stats.tilesDrawn++
    const tile = { canvas: c, every }
    this.tiles.set(k, tile)
    if (this.tiles.size > MAX_TILES) {
      const oldest = this.tiles.keys().next().value as number
      this.tiles.delete(oldest)
    }
    return tile
  }

  /** Draws the messages whose line crosses [from, to] (every `every`-th when dense); returns how many, and `every`. */
  private drawRange(
    ctx: CanvasRenderingContext2D,
    g: Geometry,
    list: readonly SimMessage[],
    from: number,
    to: number,
    now: number,
    unsettled: number,
  ): { count: number; every: number } {
    // Markers (heads, crosses, rings) reach up to MARKER_PX beyond a line's ends: include the
    // messages just outside the range too, so a marker cut by a tile's edge is completed by the neighbour.
    const pad = MARKER_PX / g.pxPerMs
    from -= pad
    to += pad
    const hi = firstSentFrom(list, to + 1e-6)
    const lo = Math.min(firstSentFrom(list, from - this.maxDur), unsettled)
    const widthPx = Math.max(1, (to - from) * g.pxPerMs)
    const dense = (hi - lo) / widthPx > DENSE_PER_PX
    const every = Math.max(1, Math.ceil((hi - lo) / MAX_LINES))
    const batch = new Batch()
    for (let i = lo; i < hi; i++) {
      const m = list[i]
      if (every > 1 && i % every !== 0 && m.droppedAt === null) continue
      if (endOf(m, now) < from) continue
      const a = this.laneOf.get(m.from)
      const b = this.laneOf.get(m.to)
      if (a === undefined || b === undefined) continue
      const color = this.colorOf.get(m.from) as string
      const [x1, y1, x2, y2] = segment(g, m, a, b, now)
      const line = batch.line(color, styleOf(m))
      line.moveTo(x1, y1)
      line.lineTo(x2, y2)
      batch.count++
      if (m.droppedAt !== null || m.rejected !== null) {
        cross(batch.crosses, x2, y2)
        continue
      }
      if (dense) continue
      if (m.kind === 'update' && m.duplicateOf === null) dot(batch.head(color), x1, y1, 3.2)
      if (m.receivedAt !== null) {
        arrowHead(batch.head(color), x1, y1, x2, y2)
        if (m.duplicateOf !== null) {
          batch.rings.moveTo(x2 + 7, y2)
          batch.rings.arc(x2, y2, 7, 0, Math.PI * 2)
        }
        if (m.reordered) {
          batch.diamonds.moveTo(x2, y2 - 8)
          batch.diamonds.lineTo(x2 + 6, y2)
          batch.diamonds.lineTo(x2, y2 + 8)
          batch.diamonds.lineTo(x2 - 6, y2)
          batch.diamonds.closePath()
        }
      } else {
        dot(batch.head(color), x2, y2, 3)
      }
    }
    batch.flush(ctx, dense)
    return { count: batch.count, every }
  }

  private drawAxis(ctx: CanvasRenderingContext2D, g: Geometry): void {
    const step = tickStep(g.pxPerMs)
    ctx.font = `600 14px ${FONT}`
    ctx.textAlign = 'center'
    ctx.textBaseline = 'alphabetic'
    ctx.lineWidth = 1
    ctx.strokeStyle = GRID
    ctx.fillStyle = MUTED
    // One path for every grid line (a stroke per line costs a pass over the canvas's height each).
    ctx.beginPath()
    for (let t = Math.ceil(Math.max(0, g.start) / step) * step; t <= g.end; t += step) {
      const x = Math.round(xOf(g, t)) + 0.5
      if (x < g.gutter) continue
      ctx.moveTo(x, g.top - 4)
      ctx.lineTo(x, g.height - 4)
      ctx.fillText(formatTime(t, step), x, 16)
    }
    ctx.stroke()
    if (g.start < 0) {
      // Before time 0: nothing happened.
      ctx.fillStyle = '#f6f7f9'
      ctx.fillRect(g.gutter, g.top - 6, Math.max(0, xOf(g, 0) - g.gutter), g.height - g.top)
    }
  }

  /**
   * Dashed lines for topology changes, each labelled in the row under the axis. A label runs to
   * the right of its line, or to the left near the right edge; labels that would overlap another
   * one or the "now" label are left out (the line stays, and hovering the timeline names it).
   */
  private drawMarks(ctx: CanvasRenderingContext2D, g: Geometry, marks: readonly TopologyMark[], now: number): void {
    ctx.font = `700 13px ${FONT}`
    const xNow = Math.round(xOf(g, now)) + 0.5
    const nowBox: [number, number] = [xNow - 8 - ctx.measureText('now').width, xNow + 2]
    ctx.font = `600 13px ${FONT}`
    ctx.textAlign = 'left'
    let lastRight = Number.NEGATIVE_INFINITY
    for (const m of marks) {
      const x = Math.round(xOf(g, m.t)) + 0.5
      if (x < g.gutter || x > g.width) continue
      const color = m.kind === 'heal' || m.kind === 'restore' ? '#15803d' : '#b45309'
      ctx.strokeStyle = color
      ctx.globalAlpha = 0.7
      ctx.setLineDash([6, 4])
      ctx.lineWidth = 2
      ctx.beginPath()
      ctx.moveTo(x, 22)
      ctx.lineTo(x, g.height - 4)
      ctx.stroke()
      ctx.setLineDash([])
      ctx.globalAlpha = 1
      const wLabel = ctx.measureText(m.label).width
      const left = x + wLabel + 9 <= g.width ? x + 3 : x - wLabel - 9
      const right = left + wLabel + 6
      if (left < Math.max(g.gutter, lastRight + 4) || (right > nowBox[0] && left < nowBox[1])) continue
      ctx.fillStyle = '#ffffff'
      ctx.fillRect(left, 24, wLabel + 6, 16)
      ctx.fillStyle = color
      ctx.fillText(m.label, left + 3, 36)
      lastRight = right
    }
  }

  private drawLanes(ctx: CanvasRenderingContext2D, g: Geometry, lanes: readonly Lane[]): void {
    ctx.font = `800 ${Math.min(19, g.laneH - 3)}px ${FONT}`
    ctx.textAlign = 'left'
    ctx.textBaseline = 'middle'
    lanes.forEach((l, i) => {
      const y = yOf(g, i)
      ctx.strokeStyle = l.color
      ctx.lineWidth = 3
      ctx.globalAlpha = 0.85
      ctx.beginPath()
      ctx.moveTo(g.gutter - 6, y)
      ctx.lineTo(g.width, y)
      ctx.stroke()
      ctx.globalAlpha = 1
      ctx.fillStyle = l.color
      ctx.beginPath()
      ctx.arc(16, y, Math.min(7, g.laneH / 3), 0, Math.PI * 2)
      ctx.fill()
      ctx.fillText(l.name, 28, y + 1)
    })
    ctx.textBaseline = 'alphabetic'
  }

  private highlight(ctx: CanvasRenderingContext2D, g: Geometry, m: SimMessage, now: number): void {
    const a = this.laneOf.get(m.from)
    const b = this.laneOf.get(m.to)
    if (a === undefined || b === undefined) return
    const [x1, y1, x2, y2] = segment(g, m, a, b, now)
    if (x2 < g.gutter || x1 > g.width) return
    ctx.save()
    ctx.beginPath()
    ctx.rect(g.gutter, 0, g.width - g.gutter, g.height)
    ctx.clip()
    ctx.lineCap = 'round'
    ctx.strokeStyle = 'rgba(255,255,255,0.95)'
    ctx.lineWidth = 10
    ctx.beginPath()
    ctx.moveTo(x1, y1)
    ctx.lineTo(x2, y2)
    ctx.stroke()
    ctx.strokeStyle = this.colorOf.get(m.from) ?? INK
    ctx.lineWidth = 4.5
    ctx.stroke()
    const head = new Path2D()
    arrowHead(head, x1, y1, x2, y2, 13)
    ctx.fillStyle = ctx.strokeStyle
    if (m.receivedAt !== null) ctx.fill(head)
    ctx.strokeStyle = INK
    ctx.lineWidth = 2
    ctx.beginPath()
    ctx.arc(x1, y1, 6, 0, Math.PI * 2)
    ctx.stroke()
    ctx.restore()
  }

  private drawNow(ctx: CanvasRenderingContext2D, g: Geometry, now: number): void {
    const x = Math.round(xOf(g, now)) + 0.5
    if (x < g.gutter || x > g.width) return
    ctx.strokeStyle = INK
    ctx.globalAlpha = 0.55
    ctx.lineWidth = 1.5
    ctx.beginPath()
    ctx.moveTo(x, 22)
    ctx.lineTo(x, g.height - 2)
    ctx.stroke()
    ctx.globalAlpha = 1
    ctx.font = `700 13px ${FONT}`
    const w = ctx.measureText('now').width
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(x - w - 7, 24, w + 6, 16)
    ctx.fillStyle = INK
    ctx.textAlign = 'right'
    ctx.fillText('now', x - 4, 36)
  }
}
