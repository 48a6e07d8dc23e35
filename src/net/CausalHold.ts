import * as Y from 'yjs'
import { awaitedClocks, hasClocks } from '../core/awaitedClocks'
import { updateOf } from './readRoomMessage'

/** Longest an update waits for the one it builds on before it is read anyway (as pending, as before). */
export const HOLD_MAX_MS = 1000
/** Messages one source may have waiting; past it the oldest is read at once. */
const HOLD_MAX_MESSAGES = 256
/** Larger messages are never held (a whole state; decoding it twice would cost). */
const HOLD_MAX_BYTES = 16 * 1024

interface Waiting {
  message: unknown
  run: () => void
  /** What it waits for (null: nothing); undefined until it heads its queue (judged against the replica then). */
  awaited?: ReadonlyMap<number, number> | null
  since: number
}

/**
 * Holds a small document update that arrived before the update it builds on (`awaitedClocks`) until
 * that one has been applied, at most HOLD_MAX_MS, then reads it; what came after it from the same
 * source waits behind it, so each source stays in order. Without it the update would be judged on
 * the guard's shadow copy (built for the occasion: a second copy of the document) and held by Yjs
 * as pending structs. Messages from other sources pass, so the awaited update can arrive.
 * `offer(source, message, run)`: `run` reads the message, now or later. `destroy()` reads nothing more.
 */
export class CausalHold {
  private queues = new Map<string, Waiting[]>()
  private timer: ReturnType<typeof setTimeout> | null = null
  private draining = false

  constructor(
    private readonly doc: Y.Doc,
    private readonly now: () => number = () => performance.now(),
  ) {
    doc.on('update', this.soon)
  }

  offer(source: string, message: unknown, run: () => void): void {
    const queue = this.queues.get(source)
    if (queue === undefined) {
      const awaited = awaitedOf(this.doc, message)
      if (awaited === null) {
        run()
        return
      }
      this.queues.set(source, [{ message, run, awaited, since: this.now() }])
      this.arm()
      return
    }
    queue.push({ message, run, since: this.now() })
    if (queue.length > HOLD_MAX_MESSAGES) this.release(source, 1)
  }

  /** Messages waiting now, over all sources (for tests). */
  get waiting(): number {
    let n = 0
    for (const q of this.queues.values()) n += q.length
    return n
  }

  destroy(): void {
    this.doc.off('update', this.soon)
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.queues.clear()
  }

  private queued = false
  /** After the replica changed: a microtask later, outside the transaction that changed it. */
  private soon = (): void => {
    if (this.queued || this.queues.size === 0) return
    this.queued = true
    queueMicrotask(() => {
      this.queued = false
      this.drain()
    })
  }

  /** Reads, in order, what no longer waits (its update has come, or it waited long enough). */
  private drain = (): void => {
    if (this.draining) return
    this.draining = true
    try {
      let progress = true
      while (progress) {
        progress = false
        for (const source of [...this.queues.keys()]) if (this.release(source, 0)) progress = true
      }
    } finally {
      this.draining = false
    }
    this.arm()
  }

  /** Reads the head of `source` while it may go (the first `force` of them whatever they wait for). True: something was read. */
  private release(source: string, force: number): boolean {
    const queue = this.queues.get(source)
    if (queue === undefined) return false
    let read = false
    const now = this.now()
    while (queue.length > 0) {
      const head = queue[0]
      if (head.awaited === undefined) head.awaited = awaitedOf(this.doc, head.message)
      const due = force > 0 || head.awaited === null || now - head.since >= HOLD_MAX_MS || hasClocks(this.doc, head.awaited)
      if (!due) break
      queue.shift()
      force--
      read = true
      head.run()
    }
    if (queue.length === 0) this.queues.delete(source)
    return read
  }

  private arm(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    let first = Number.POSITIVE_INFINITY
    for (const q of this.queues.values()) if (q.length > 0) first = Math.min(first, q[0].since)
    if (first === Number.POSITIVE_INFINITY) return
    this.timer = setTimeout(this.drain, Math.max(0, first + HOLD_MAX_MS - this.now()))
  }
}

/** What a y-webrtc sync update message waits for (`awaitedClocks`); null for anything else. */
const awaitedOf = (doc: Y.Doc, message: unknown): Map<number, number> | null => {
  const update = updateOf(message, HOLD_MAX_BYTES)
  if (update === null) return null
  try {
    return awaitedClocks(doc, Y.decodeUpdate(update))
  } catch {
    return null
  }
}
