import type * as Y from 'yjs'

/** Where `prev` and `next` differ: one replaced range, found by common prefix and suffix. */
export const diffStrings = (prev: string, next: string): { index: number; remove: number; insert: string } =>
  diffBefore(prev, next, Math.min(prev.length, next.length))

/** The same, with the common prefix cut at `maxPrefix`. */
const diffBefore = (prev: string, next: string, maxPrefix: number): { index: number; remove: number; insert: string } => {
  let start = 0
  while (start < maxPrefix && prev.charCodeAt(start) === next.charCodeAt(start)) start++
  let endPrev = prev.length
  let endNext = next.length
  while (endPrev > start && endNext > start && prev.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)) {
    endPrev--
    endNext--
  }
  return { index: start, remove: endPrev - start, insert: next.slice(start, endNext) }
}

/**
 * The edit a user made, placed where the caret says. A string diff alone cannot tell where a
 * character went in a run of equal ones ("a|a" + "a"): it always picks the rightmost place, so the
 * Yjs insert lands after a neighbour the user typed before (maybe another replica's character),
 * and the user's own run is split. After an edit the caret sits at the end of what was inserted,
 * so the change starts at `caret - inserted` at the latest; that placement is used when it is the
 * same edit shifted (same lengths), never when it would rewrite more.
 */
export const diffAtCaret = (prev: string, next: string, caret: number): { index: number; remove: number; insert: string } => {
  const free = diffStrings(prev, next)
  const limit = caret - Math.max(0, next.length - prev.length)
  if (limit < 0 || limit >= free.index) return free
  const placed = diffBefore(prev, next, limit)
  return placed.remove === free.remove && placed.insert.length === free.insert.length ? placed : free
}

/** How often a box without focus follows the text when its page paints no frames. */
const HIDDEN_EVERY_MS = 250
/** Least time between two rewrites of a box without focus (a frame at 60 Hz). */
const FRAME_MS = 16

/** Moves a caret position through a Y.Text delta, so remote edits before it keep it on the same character. */
export const shiftThroughDelta = (pos: number, delta: ReadonlyArray<{ retain?: number; insert?: unknown; delete?: number }>): number => {
  let index = 0
  let out = pos
  for (const op of delta) {
    if (op.retain !== undefined) index += op.retain
    else if (typeof op.insert === 'string') {
      if (index < out) out += op.insert.length
      index += op.insert.length
    } else if (op.delete !== undefined) {
      if (index < out) out -= Math.min(op.delete, out - index)
    }
    if (index > out) break
  }
  return out
}

/**
 * A collaborative binding between a textarea and a Y.Text. Local typing becomes one Yjs
 * transaction per input event (the changed range only). In a focused box remote changes rewrite
 * the value at once (not on the next frame: a key typed in between must land on the text it was
 * typed on) and keep the caret and selection on the same characters. A box without focus shows a
 * lone change at once too, but is rewritten once per frame at most (a busy room delivers dozens
 * of updates a second, and each rewrite reads the whole text and lays the box out again), or once
 * per `unfocusedEveryMs` (many boxes on one page). It catches up at once when it gains focus,
 * before anything can be typed into it.
 * Returns the unbind function.
 */
export const bindTextarea = (el: HTMLTextAreaElement, ytext: Y.Text, opts: { unfocusedEveryMs?: number } = {}): (() => void) => {
  const origin = { binding: 'textarea' }
  const every = opts.unfocusedEveryMs ?? 0
  let last = ytext.toString()
  el.value = last
  let timer: ReturnType<typeof setTimeout> | null = null
  let frame: number | null = null
  let stale = false
  const win = el.ownerDocument.defaultView

  const cancel = () => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    if (frame !== null) win?.cancelAnimationFrame(frame)
    frame = null
  }

  /** When the value was last rewritten (performance.now()). */
  let wroteAt = Number.NEGATIVE_INFINITY
  const write = () => {
    last = ytext.toString()
    el.value = last
    wroteAt = performance.now()
  }

  const catchUp = () => {
    cancel()
    if (!stale) return
    stale = false
    write()
  }

  const onInput = () => {
    const next = el.value
    const { index, remove, insert } = diffAtCaret(last, next, el.selectionEnd)
    last = next
    if (remove === 0 && insert === '') return
    ytext.doc!.transact(() => {
      if (remove > 0) ytext.delete(index, remove)
      if (insert !== '') ytext.insert(index, insert)
    }, origin)
  }

  const onChange = (event: Y.YTextEvent, tr: Y.Transaction) => {
    if (tr.origin === origin) return
    const focused = el.ownerDocument.activeElement === el
    if (!focused) {
      stale = true
      if (timer !== null || frame !== null) return
      // A lone change shows at once; the next ones within a frame wait for it, together.
      if (every === 0 && performance.now() - wroteAt >= FRAME_MS) {
        catchUp()
        return
      }
      // The next frame; the timer as well, for a page that paints no frames (hidden): its box still follows.
      timer = setTimeout(catchUp, every > 0 ? every : HIDDEN_EVERY_MS)
      if (every === 0 && typeof win?.requestAnimationFrame === 'function') frame = win.requestAnimationFrame(catchUp)
      return
    }
    catchUp()
    const { selectionStart, selectionEnd, selectionDirection } = el
    const delta = event.delta as Array<{ retain?: number; insert?: unknown; delete?: number }>
    write()
    el.setSelectionRange(shiftThroughDelta(selectionStart, delta), shiftThroughDelta(selectionEnd, delta), selectionDirection ?? 'none')
  }

  el.addEventListener('input', onInput)
  el.addEventListener('focus', catchUp)
  ytext.observe(onChange)
  return () => {
    cancel()
    el.removeEventListener('input', onInput)
    el.removeEventListener('focus', catchUp)
    ytext.unobserve(onChange)
  }
}
