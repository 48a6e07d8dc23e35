import type * as Y from 'yjs'
import { PREVIEW_KEY, previewOf } from '../../core/savedPreview'

/** Quiet time after the last change before the preview is written (typing never writes it per key). */
const QUIET_MS = 1000
/** Longest a change waits for its preview while the room keeps changing. */
const LONGEST_MS = 5000

/**
 * Keeps a room's preview (`SavedPreview`) in its saved database, so that the next load paints the
 * room before its document is rebuilt. Written when the room has been quiet for a second (or
 * every 5 s of constant change), and at once by `flush()` (the tab is closing), in one transaction
 * that also reads the newest row's key: IndexedDB runs transactions on a store in the order they
 * were made, so every update y-indexeddb was asked to store before this one is covered by `upTo`.
 * It must only run while y-indexeddb stores every update of `doc` (after it has synced).
 */
export class PreviewKeeper {
  private timer: ReturnType<typeof setTimeout> | null = null
  private firstChange = 0
  private dirty = false

  constructor(
    private readonly doc: Y.Doc,
    private readonly db: () => IDBDatabase | null,
    private readonly now: () => number,
  ) {}

  /** The room changed: its preview is written once it has been quiet for a while. */
  changed(): void {
    const now = this.now()
    if (!this.dirty) this.firstChange = now
    this.dirty = true
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = setTimeout(this.flush, Math.max(0, Math.min(QUIET_MS, this.firstChange + LONGEST_MS - now)))
  }

  /** Writes the preview now if the room changed since the last one. */
  flush = (): void => {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    const db = this.db()
    if (!this.dirty || db === null || this.doc.isDestroyed) return
    this.dirty = false
    try {
      const tx = db.transaction(['updates', 'custom'], 'readwrite')
      const custom = tx.objectStore('custom')
      const newest = tx.objectStore('updates').openKeyCursor(null, 'prev')
      // Read now, in the task that made the transaction: the rows it covers are those stored before.
      const preview = previewOf(this.doc, 0)
      newest.onsuccess = () => {
        const key = newest.result?.key
        if (typeof key === 'number') custom.put({ ...preview, upTo: key }, PREVIEW_KEY)
        else custom.delete(PREVIEW_KEY)
      }
    } catch {
      // The database closed (the room was forgotten, or the tab is going): no preview, nothing lost.
    }
  }

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }
}
