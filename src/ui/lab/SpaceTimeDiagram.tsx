import { observeWidth } from '../widgets/observeWidth'
import { useEffect, useRef, useState } from 'react'
import type { LabState, ReplicaIdentity } from '../../state/lab/labStore'
import { DiagramRenderer, type DiagramInput } from './diagram/DiagramRenderer'
import { diagramHeight, followEnd, GUTTER, type Lane, MAX_PX_PER_MS, MIN_PX_PER_MS } from './diagram/diagramLayout'
import { DiagramLegend } from './DiagramLegend'
import { useLab, useLabStore } from './labContext'
import { MessageDetails } from './MessageDetails'
import { TimelineBar } from './TimelineBar'

const laneCache = new WeakMap<readonly ReplicaIdentity[], Lane[]>()
const lanesOf = (replicas: readonly ReplicaIdentity[]): Lane[] => {
  let lanes = laneCache.get(replicas)
  if (lanes === undefined) {
    lanes = replicas.map((r) => ({ id: r.id, name: r.name, color: r.color }))
    laneCache.set(replicas, lanes)
  }
  return lanes
}

/** The view's right edge, following "now" or where the user left it. */
export const viewEnd = (s: Pick<LabState, 'view' | 'now'>): number => (s.view.follow ? followEnd(s.now, s.view.pxPerMs) : s.view.end)

const clampZoom = (px: number) => Math.min(MAX_PX_PER_MS, Math.max(MIN_PX_PER_MS, px))

/**
 * The space-time diagram: a line per replica, an arrow per message from its send to its arrival.
 * Drawn on a canvas outside React's render: the component subscribes to the store and redraws
 * (incrementally, see DiagramRenderer) when the log, the clock or the view changed, at most once
 * per store update, so once per frame. Wheel with Ctrl zooms, Shift+wheel or dragging scrolls,
 * hovering a message previews it, clicking pins it.
 */
export const SpaceTimeDiagram = () => {
  const store = useLabStore()
  const actions = useLab((s) => s.actions)
  const lanes = useLab((s) => s.replicas.length)
  const follow = useLab((s) => s.view.follow)
  const pxPerMs = useLab((s) => s.view.pxPerMs)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const rendererRef = useRef<DiagramRenderer | null>(null)
  const widthRef = useRef(0)
  const hoveredRef = useRef<number | null>(null)
  const dragRef = useRef<{ x: number; end: number; moved: boolean } | null>(null)
  const [hovered, setHovered] = useState<number | null>(null)

  const inputOf = (s: LabState): DiagramInput => ({
    log: s.log,
    lanes: lanesOf(s.replicas),
    now: s.now,
    pxPerMs: s.view.pxPerMs,
    end: viewEnd(s),
    marks: s.marks,
    selected: s.selected,
    hovered: hoveredRef.current,
    width: widthRef.current,
    dpr: typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1,
  })
  const inputRef = useRef(inputOf)
  inputRef.current = inputOf

  useEffect(() => {
    const canvas = canvasRef.current!
    const renderer = new DiagramRenderer(canvas)
    rendererRef.current = renderer
    const draw = () => renderer.draw(inputRef.current(store.getState()))
    widthRef.current = canvas.clientWidth
    const unsubscribe = store.subscribe((s, p) => {
      if (
        s.logVersion !== p.logVersion ||
        s.now !== p.now ||
        s.view !== p.view ||
        s.replicas !== p.replicas ||
        s.selected !== p.selected ||
        s.marks !== p.marks ||
        s.log !== p.log
      ) {
        draw()
      }
    })
    const stopObserving = observeWidth(canvas, (width) => {
      widthRef.current = width
      draw()
    })
    // Ctrl+wheel zooms and Shift+wheel scrolls; a plain wheel keeps scrolling the page.
    const onWheel = (e: WheelEvent) => {
      const s = store.getState()
      const rect = canvas.getBoundingClientRect()
      const x = e.clientX - rect.left
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault()
        const px = clampZoom(s.view.pxPerMs * Math.exp(-e.deltaY * 0.002))
        if (s.view.follow) s.actions.setDiagramView({ pxPerMs: px })
        else {
          const end = viewEnd(s)
          const tAt = end - (rect.width - x) / s.view.pxPerMs
          s.actions.setDiagramView({ pxPerMs: px, end: tAt + (rect.width - x) / px })
        }
      } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        e.preventDefault()
        const d = e.shiftKey && e.deltaX === 0 ? e.deltaY : e.deltaX
        s.actions.setDiagramView({ follow: false, end: Math.min(s.now, viewEnd(s) + d / s.view.pxPerMs) })
      }
    }
    canvas.addEventListener('wheel', onWheel, { passive: false })
    draw()
    return () => {
      unsubscribe()
      stopObserving()
      canvas.removeEventListener('wheel', onWheel)
      rendererRef.current = null
    }
  }, [store])

  const local = (e: React.PointerEvent) => {
    const rect = e.currentTarget.getBoundingClientRect()
    return { x: e.clientX - rect.left, y: e.clientY - rect.top }
  }
  const hitAt = (x: number, y: number): number | null => rendererRef.current?.hit(inputOf(store.getState()), x, y) ?? null
  const setHover = (id: number | null) => {
    if (hoveredRef.current === id) return
    hoveredRef.current = id
    setHovered(id)
    rendererRef.current?.draw(inputOf(store.getState()))
  }

  const onPointerDown = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const { x } = local(e)
    dragRef.current = { x, end: viewEnd(store.getState()), moved: false }
    e.currentTarget.setPointerCapture(e.pointerId)
  }
  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const { x, y } = local(e)
    const drag = dragRef.current
    if (drag !== null && (drag.moved || Math.abs(x - drag.x) > 4)) {
      drag.moved = true
      const s = store.getState()
      actions.setDiagramView({ follow: false, end: Math.min(s.now + 1, drag.end - (x - drag.x) / s.view.pxPerMs) })
      return
    }
    setHover(x < GUTTER ? null : hitAt(x, y))
  }
  const onPointerUp = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const drag = dragRef.current
    dragRef.current = null
    if (drag === null || drag.moved) return
    const { x, y } = local(e)
    actions.select(x < GUTTER ? null : hitAt(x, y))
  }

  const zoom = (factor: number) => {
    const s = store.getState()
    const px = clampZoom(s.view.pxPerMs * factor)
    if (s.view.follow) actions.setDiagramView({ pxPerMs: px })
    else {
      const end = viewEnd(s)
      const mid = end - (widthRef.current - GUTTER) / s.view.pxPerMs / 2
      actions.setDiagramView({ pxPerMs: px, end: mid + (widthRef.current - GUTTER) / px / 2 })
    }
  }

  return (
    <section className="card lab-diagram" aria-labelledby="diagram-title">
      <div className="card-head">
        <h2 id="diagram-title">Space-time diagram</h2>
        <div className="diagram-controls">
          <button type="button" onClick={() => zoom(1 / 1.6)} aria-label="Zoom out" title="Zoom out (Ctrl + wheel)">
            −
          </button>
          <span className="muted zoom-label">{scaleLabel(pxPerMs)}</span>
          <button type="button" onClick={() => zoom(1.6)} aria-label="Zoom in" title="Zoom in (Ctrl + wheel)">
            +
          </button>
          <button
            type="button"
            className={follow ? 'toggle on' : 'toggle'}
            aria-pressed={follow}
            onClick={() => actions.setDiagramView({ follow: !follow, end: viewEnd(store.getState()) })}
            title="Keep the present at the right edge"
          >
            Follow now
          </button>
        </div>
      </div>
      <canvas
        ref={canvasRef}
        className="diagram-canvas"
        style={{ height: diagramHeight(lanes) }}
        role="img"
        aria-label="Space-time diagram: one line per replica, an arrow per message from send to arrival"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => setHover(null)}
      />
      <TimelineBar />
      <DiagramLegend />
      <MessageDetails hovered={hovered} />
    </section>
  )
}

const scaleLabel = (pxPerMs: number): string => {
  const msPer100 = 100 / pxPerMs
  return msPer100 >= 1000 ? `${(msPer100 / 1000).toFixed(msPer100 >= 10_000 ? 0 : 1)} s / 100 px` : `${Math.round(msPer100)} ms / 100 px`
}
