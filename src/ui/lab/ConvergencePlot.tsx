import { observeWidth } from '../widgets/observeWidth'
import { useEffect, useRef } from 'react'
import type { ConvergenceSeries } from '../../core/sim'
import type { LabState } from '../../state/lab/labStore'
import { formatTime, tickStep } from './diagram/diagramLayout'
import { useLab, useLabStore } from './labContext'
import { viewEnd } from './SpaceTimeDiagram'

const H = 190
const LEFT = 44
const RIGHT = 52
const TOP = 14
const BOTTOM = 26
const DISTINCT = '#b91c1c'
const EQUAL = '#15803d'
const FLIGHT = '#2563eb'
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'

interface PlotInput {
  series: ConvergenceSeries
  now: number
  replicas: number
  width: number
  dpr: number
  /** The diagram's window, shown as a band. */
  window: [number, number]
}

/** Labels of the left axis at least this far apart (px): 13 px digits need air to be read. */
const MIN_LABEL_GAP = 20

/** Values labelled on the distinct-states axis: 1, then every `step` (1, 2, 5, 10…) so labels stay MIN_LABEL_GAP apart. */
export const distinctTicks = (maxDistinct: number, plotH: number): number[] => {
  const perPx = (maxDistinct - 1) / Math.max(1, plotH)
  const step = [1, 2, 5, 10, 20, 50].find((k) => k / perPx >= MIN_LABEL_GAP) ?? 100
  const ticks = [1]
  for (let d = step; d <= maxDistinct; d += step) if (d > 1 && (d - 1) / perPx >= MIN_LABEL_GAP * 0.8) ticks.push(d)
  return ticks
}

/** While time runs the plot (the whole run in its width) is redrawn at most this often (wall ms). */
const REDRAW_EVERY_MS = 100

/**
 * Draws the convergence series over the whole run as step plots: distinct states (left axis; 1
 * means every replica holds the same state) and messages in flight (right axis, shaded). Samples
 * are folded per pixel column (max), so a long run costs no more than the plot's width.
 */
const drawPlot = (canvas: HTMLCanvasElement, p: PlotInput): void => {
  let ctx: CanvasRenderingContext2D | null = null
  try {
    ctx = canvas.getContext('2d')
  } catch {
    ctx = null
  }
  if (ctx === null || p.width <= 0) return
  const w = Math.round(p.width * p.dpr)
  const h = Math.round(H * p.dpr)
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w
    canvas.height = h
  }
  ctx.setTransform(p.dpr, 0, 0, p.dpr, 0, 0)
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, p.width, H)
  const plotW = Math.max(1, p.width - LEFT - RIGHT)
  const plotH = H - TOP - BOTTOM
  const span = Math.max(1000, p.now)
  const x = (t: number) => LEFT + (t / span) * plotW
  const s = p.series
  const n = s.length
  let maxFlight = 4
  for (let i = 0; i < n; i++) if (s.inFlight[i] > maxFlight) maxFlight = s.inFlight[i]
  const maxDistinct = Math.max(2, p.replicas)
  const yD = (d: number) => TOP + plotH - ((d - 1) / (maxDistinct - 1)) * plotH
  const yF = (f: number) => TOP + plotH - (f / maxFlight) * plotH

  // Axes and grid.
  ctx.font = `600 13px ${FONT}`
  ctx.fillStyle = '#5f6b7a'
  ctx.strokeStyle = '#e9edf1'
  ctx.lineWidth = 1
  ctx.textAlign = 'right'
  for (const d of distinctTicks(maxDistinct, plotH)) {
    const y = Math.round(yD(d)) + 0.5
    ctx.beginPath()
    ctx.moveTo(LEFT, y)
    ctx.lineTo(LEFT + plotW, y)
    ctx.stroke()
    ctx.fillStyle = d === 1 ? EQUAL : DISTINCT
    ctx.fillText(String(d), LEFT - 8, y + 4)
  }
  ctx.textAlign = 'left'
  ctx.fillStyle = FLIGHT
  ctx.fillText(String(maxFlight), LEFT + plotW + 6, TOP + 10)
  ctx.fillText('0', LEFT + plotW + 6, TOP + plotH + 4)
  ctx.textAlign = 'center'
  ctx.fillStyle = '#5f6b7a'
  const step = tickStep(plotW / span)
  for (let t = 0; t <= span; t += step) ctx.fillText(formatTime(t, step), x(t), H - 8)

  // The diagram's window.
  const [a, b] = p.window
  ctx.fillStyle = 'rgba(37, 99, 235, 0.08)'
  ctx.fillRect(x(Math.max(0, a)), TOP, Math.max(2, x(Math.min(span, b)) - x(Math.max(0, a))), plotH)

  if (n === 0) return
  // Fold samples per pixel column: the worst value in each column.
  const cols = Math.ceil(plotW)
  const colD = new Int32Array(cols + 1)
  const colF = new Int32Array(cols + 1)
  const seen = new Uint8Array(cols + 1)
  for (let i = 0; i < n; i++) {
    const c = Math.min(cols, Math.max(0, Math.floor(x(s.t[i]) - LEFT)))
    if (!seen[c] || s.distinct[i] > colD[c]) colD[c] = s.distinct[i]
    if (!seen[c] || s.inFlight[i] > colF[c]) colF[c] = s.inFlight[i]
    seen[c] = 1
  }
  const lastCol = Math.min(cols, Math.floor(x(p.now) - LEFT))
  // In flight: a shaded step area.
  ctx.beginPath()
  ctx.moveTo(LEFT, yF(0))
  let f = 0
  for (let c = 0; c <= lastCol; c++) {
    if (seen[c]) f = colF[c]
    ctx.lineTo(LEFT + c, yF(f))
    ctx.lineTo(LEFT + c + 1, yF(f))
  }
  ctx.lineTo(LEFT + lastCol + 1, yF(0))
  ctx.closePath()
  ctx.fillStyle = 'rgba(37, 99, 235, 0.18)'
  ctx.fill()
  // Distinct states: a thick step line, green where 1, red above.
  let d = colD[0] || 1
  let prevX = LEFT
  let prevD = d
  ctx.lineWidth = 3.5
  ctx.lineCap = 'butt'
  const flush = (toX: number) => {
    ctx.strokeStyle = prevD === 1 ? EQUAL : DISTINCT
    ctx.beginPath()
    ctx.moveTo(prevX, yD(prevD))
    ctx.lineTo(toX, yD(prevD))
    ctx.stroke()
  }
  for (let c = 0; c <= lastCol; c++) {
    if (!seen[c]) continue
    d = colD[c]
    if (d !== prevD) {
      flush(LEFT + c)
      ctx.strokeStyle = '#9aa5b1'
      ctx.lineWidth = 1.5
      ctx.beginPath()
      ctx.moveTo(LEFT + c, yD(prevD))
      ctx.lineTo(LEFT + c, yD(d))
      ctx.stroke()
      ctx.lineWidth = 3.5
      prevX = LEFT + c
      prevD = d
    }
  }
  flush(LEFT + lastCol + 1)
}

/** Convergence over time, from the engine's ConvergenceSeries; redrawn when a sample is added. */
export const ConvergencePlot = () => {
  const store = useLabStore()
  const actions = useLab((s) => s.actions)
  const distinct = useLab((s) => s.equality.distinct)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const widthRef = useRef(0)

  useEffect(() => {
    const canvas = canvasRef.current!
    widthRef.current = canvas.clientWidth
    const input = (s: LabState): PlotInput => {
      const end = viewEnd(s)
      const width = widthRef.current
      return {
        series: s.series,
        now: s.now,
        replicas: s.replicas.length,
        width,
        dpr: window.devicePixelRatio || 1,
        window: [end - 1000 / s.view.pxPerMs, end],
      }
    }
    let drawnAt = Number.NEGATIVE_INFINITY
    let trailing: ReturnType<typeof setTimeout> | null = null
    const draw = () => {
      if (trailing !== null) clearTimeout(trailing)
      trailing = null
      drawnAt = performance.now()
      drawPlot(canvas, input(store.getState()))
    }
    const unsubscribe = store.subscribe((s, p) => {
      if (s.series !== p.series || s.view !== p.view || s.replicas !== p.replicas) draw()
      else if (s.seriesVersion !== p.seriesVersion) {
        // New samples: a pixel column of the whole run holds many of them; redraw soon, not every frame.
        const wait = drawnAt + REDRAW_EVERY_MS - performance.now()
        if (wait <= 0) draw()
        else if (trailing === null) trailing = setTimeout(draw, wait)
      }
    })
    const stopObserving = observeWidth(canvas, (width) => {
      widthRef.current = width
      draw()
    })
    draw()
    return () => {
      if (trailing !== null) clearTimeout(trailing)
      unsubscribe()
      stopObserving()
    }
  }, [store])

  const onClick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect()
    const s = store.getState()
    const span = Math.max(1000, s.now)
    const t = ((e.clientX - rect.left - LEFT) / Math.max(1, rect.width - LEFT - RIGHT)) * span
    if (t >= 0) actions.setDiagramView({ follow: false, end: Math.min(s.now, t + 500 / s.view.pxPerMs) })
  }

  return (
    <section className="card lab-plot" aria-labelledby="plot-title">
      <div className="card-head">
        <h2 id="plot-title">Convergence</h2>
        <span className="plot-now">
          <span className={distinct <= 1 ? 'plot-equal' : 'plot-distinct'}>
            {distinct} distinct state{distinct === 1 ? '' : 's'}
          </span>{' '}
          · <FlightCount />
        </span>
      </div>
      <canvas
        ref={canvasRef}
        className="plot-canvas"
        style={{ height: H }}
        role="img"
        aria-label="Distinct states and messages in flight over the whole run"
        onClick={onClick}
        title="Click to show that moment in the diagram"
      />
      <p className="explain">
        Thick line: distinct states among the replicas (green at 1: A = A′ everywhere). Shaded: messages in flight. The blue band is the diagram's
        window.
      </p>
    </section>
  )
}

const FlightCount = () => {
  const inFlight = useLab((s) => s.numbers.inFlight)
  return <span className="plot-flight">{inFlight} in flight</span>
}
