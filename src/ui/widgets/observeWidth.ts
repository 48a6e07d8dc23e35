/** Calls `onWidth` with the element's content width whenever it is resized. Returns the undo. */
export const observeWidth = (el: Element, onWidth: (width: number) => void): (() => void) => {
  if (typeof ResizeObserver !== 'function') return () => {}
  const ro = new ResizeObserver((entries) => onWidth(entries[0].contentRect.width))
  ro.observe(el)
  return () => ro.disconnect()
}
