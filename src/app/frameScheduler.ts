/**
 * Runs `work` at most once per animation frame, only after `request()` was called. Hidden tabs get
 * no animation frames, yet their peers still compare against what they publish: a timer (50 ms
 * when hidden, 250 ms otherwise) runs the work when no frame comes. `destroy()` cancels both.
 */
export class FrameScheduler {
  private raf: number | null = null
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(private readonly work: () => void) {}

  request(): void {
    if (this.timer !== null) return
    const hidden = typeof document !== 'undefined' && document.hidden
    if (!hidden && typeof requestAnimationFrame === 'function') this.raf = requestAnimationFrame(this.run)
    this.timer = setTimeout(this.run, hidden ? 50 : 250)
  }

  destroy(): void {
    this.cancel()
  }

  private cancel(): void {
    if (this.raf !== null) cancelAnimationFrame(this.raf)
    if (this.timer !== null) clearTimeout(this.timer)
    this.raf = null
    this.timer = null
  }

  private run = (): void => {
    this.cancel()
    this.work()
  }
}
