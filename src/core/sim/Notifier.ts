/**
 * Change notification for a view: `subscribe` returns its unsubscribe; `notify` calls every
 * listener, unless inside `batch`, where it calls them once when the outermost batch ends.
 */
export class Notifier {
  private readonly listeners = new Set<() => void>()
  private depth = 0
  private pending = false

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  notify(): void {
    if (this.depth > 0) {
      this.pending = true
      return
    }
    this.pending = false
    for (const l of [...this.listeners]) l()
  }

  batch<T>(fn: () => T): T {
    this.depth++
    try {
      return fn()
    } finally {
      this.depth--
      if (this.depth === 0 && this.pending) this.notify()
    }
  }

  clear(): void {
    this.listeners.clear()
  }
}
