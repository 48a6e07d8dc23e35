import type { PointerEvent as ReactPointerEvent } from 'react'

/** Where a tile can be dropped, as the `data-drop` attribute of a bucket or a tile says it. */
export type DropTarget = { kind: 'group'; group: number } | { kind: 'new' } | { kind: 'cut' }

/** `data-drop` values: "group:2", "new", "cut". */
export const dropAttr = (t: DropTarget): string => (t.kind === 'group' ? `group:${t.group}` : t.kind)

export const parseDrop = (v: string | null | undefined): DropTarget | null => {
  if (v === 'new' || v === 'cut') return { kind: v }
  const m = /^group:(\d{1,3})$/.exec(v ?? '')
  return m === null ? null : { kind: 'group', group: Number(m[1]) }
}

/** A finger or pen moves this far (px) before a press becomes a drag. */
const SLOP_PX = 8

const targetAt = (x: number, y: number): HTMLElement | null =>
  (document.elementFromPoint(x, y)?.closest('[data-drop]') as HTMLElement | null) ?? null

/**
 * Dragging a tile by touch or pen (HTML drag and drop answers only the mouse on most tablets):
 * pointer events on the tile, the drop target found under the finger, highlighted while over it.
 * A mouse keeps native drag and drop. `drop` receives the target (never the tile itself).
 */
export const startTouchDrag = (e: ReactPointerEvent<HTMLElement>, drop: (t: DropTarget) => void): void => {
  if (e.pointerType === 'mouse' || !e.isPrimary) return
  const el = e.currentTarget
  const x0 = e.clientX
  const y0 = e.clientY
  let dragging = false
  let over: HTMLElement | null = null
  el.setPointerCapture?.(e.pointerId)
  const highlight = (t: HTMLElement | null) => {
    if (t === over) return
    over?.classList.remove('drop-target')
    over = t
    over?.classList.add('drop-target')
  }
  const move = (ev: PointerEvent) => {
    if (!dragging && Math.hypot(ev.clientX - x0, ev.clientY - y0) < SLOP_PX) return
    dragging = true
    el.classList.add('dragging')
    const t = targetAt(ev.clientX, ev.clientY)
    highlight(t !== null && t !== el ? t : null)
  }
  const end = (ev: PointerEvent) => {
    el.removeEventListener('pointermove', move)
    el.removeEventListener('pointerup', end)
    el.removeEventListener('pointercancel', end)
    el.classList.remove('dragging')
    highlight(null)
    if (!dragging || ev.type === 'pointercancel') return
    const t = targetAt(ev.clientX, ev.clientY)
    const target = t !== null && t !== el ? parseDrop(t.dataset.drop) : null
    if (target !== null) drop(target)
  }
  el.addEventListener('pointermove', move)
  el.addEventListener('pointerup', end)
  el.addEventListener('pointercancel', end)
}
