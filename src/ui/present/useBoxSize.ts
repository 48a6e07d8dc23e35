import { type RefObject, useEffect, useState } from 'react'

/** The content box of `ref`'s element, kept current by a ResizeObserver (undone on unmount). */
export const useBoxSize = (ref: RefObject<HTMLElement | null>): { width: number; height: number } => {
  const [size, setSize] = useState({ width: 0, height: 0 })
  useEffect(() => {
    const el = ref.current
    if (el === null) return
    const read = () => setSize({ width: el.clientWidth, height: el.clientHeight })
    read()
    if (typeof ResizeObserver === 'undefined') return
    const ro = new ResizeObserver(read)
    ro.observe(el)
    return () => ro.disconnect()
  }, [ref])
  return size
}
