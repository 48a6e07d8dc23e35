/** A gap this long between two ticks of a 1 s timer means the page was frozen or the device slept. */
export const SLEPT_AFTER_MS = 4000

/**
 * Calls `woke` when this page comes back from sleep: a phone whose screen was off, a tab the
 * browser froze (Page Lifecycle `resume`), a page shown again from the back/forward cache, a
 * device back online, or a timer that fired seconds late (the device slept). Returns the undo.
 */
export const watchWake = (woke: (why: string) => void, now: () => number = () => Date.now()): (() => void) => {
  if (typeof window === 'undefined') return () => {}
  const onVisible = () => {
    if (document.visibilityState === 'visible') woke('shown again')
  }
  const onResume = () => woke('resumed')
  const onOnline = () => woke('back online')
  const onPageShow = (e: PageTransitionEvent) => {
    if (e.persisted) woke('restored from the back/forward cache')
  }
  let last = now()
  const tick = setInterval(() => {
    const t = now()
    if (t - last > SLEPT_AFTER_MS) woke(`asleep for ${Math.round((t - last) / 1000)} s`)
    last = t
  }, 1000)
  document.addEventListener('visibilitychange', onVisible)
  document.addEventListener('resume', onResume)
  window.addEventListener('online', onOnline)
  window.addEventListener('pageshow', onPageShow)
  return () => {
    clearInterval(tick)
    document.removeEventListener('visibilitychange', onVisible)
    document.removeEventListener('resume', onResume)
    window.removeEventListener('online', onOnline)
    window.removeEventListener('pageshow', onPageShow)
  }
}
