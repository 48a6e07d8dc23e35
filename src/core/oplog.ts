/** One update that entered or left a replica, or was refused at its boundary. */
export interface LogEntry {
  seq: number
  /** Wall or virtual time in ms, as given by the caller's clock. */
  time: number
  dir: 'in' | 'out' | 'rejected' | 'flagged'
  /** Who it came from or went to, in words ("replica 123", "BroadcastChannel", "all peers"). */
  peer: string
  bytes: number
  /** What it inserts and deletes, readable. */
  summary: string
}

/**
 * A bounded, append-only log with a version that bumps on every change: views compare versions,
 * never contents. Keeps the newest `capacity` entries; `total` counts all ever appended.
 */
export class OpLog {
  private items: LogEntry[] = []
  private listeners = new Set<() => void>()
  version = 0
  total = 0

  constructor(readonly capacity = 500) {}

  append(entry: Omit<LogEntry, 'seq'>): LogEntry {
    const full = { ...entry, seq: this.total++ }
    this.items.push(full)
    if (this.items.length > this.capacity * 2) this.items = this.items.slice(-this.capacity)
    this.version++
    for (const l of this.listeners) l()
    return full
  }

  /** The newest entries, oldest first (at most `capacity`). */
  entries(): readonly LogEntry[] {
    if (this.items.length > this.capacity) this.items = this.items.slice(-this.capacity)
    return this.items
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
