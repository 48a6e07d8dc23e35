import * as Y from 'yjs'
import { decodeJournal, encodeJournal } from '../../core/journalCodec'

/** Keys are `aprime.journal/<room>/<tab>`: room names cannot hold '/', so one room's prefix never matches another's. */
const prefixOf = (room: string) => `aprime.journal/${room}/`

/** Above this many bytes the entries are merged into one update (the journal stays small even if IndexedDB stalls). */
const MERGE_ABOVE_BYTES = 256 * 1024

/**
 * Updates larger than this are left to IndexedDB alone: localStorage holds about 5 MB per origin,
 * and a large paste is not what a close right after a keystroke loses.
 */
const LARGEST_JOURNALED = 1024 * 1024

interface Entry {
  seq: number
  update: Uint8Array
}

/**
 * A synchronous journal of the updates a tab has not yet seen committed to IndexedDB, in
 * localStorage (y-indexeddb's writes are asynchronous, and one still queued when the tab closes
 * is lost: its issue #28). Every update is written here at once; `release(mark)` drops what an
 * IndexedDB checkpoint proved stored. The next load replays every journal of the room. Each tab
 * writes its own key, so two tabs of a room never overwrite each other's entries.
 */
export class UpdateJournal {
  private entries: Entry[] = []
  private bytes = 0
  private seq = 0
  private readonly key: string
  /** The first storage failure (quota, private mode), reported once by the owner. */
  problem: string | null = null

  constructor(
    private readonly storage: Storage | null,
    room: string,
    tab: string,
  ) {
    this.key = `${prefixOf(room)}${tab}`
  }

  /** Whether some tab left unsaved edits of `room` (replayed when the room starts), without taking them. */
  static any(storage: Storage | null, room: string): boolean {
    if (storage === null) return false
    const prefix = prefixOf(room)
    for (let i = 0; i < storage.length; i++) if (storage.key(i)?.startsWith(prefix)) return true
    return false
  }

  /** Takes (reads and removes) every journal left for `room`: updates to replay, and problems in words. */
  static takeAll(storage: Storage | null, room: string): { updates: Uint8Array[]; problems: string[] } {
    const updates: Uint8Array[] = []
    const problems: string[] = []
    if (storage === null) return { updates, problems }
    const prefix = prefixOf(room)
    const keys: string[] = []
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i)
      if (k?.startsWith(prefix)) keys.push(k)
    }
    for (const k of keys) {
      const d = decodeJournal(storage.getItem(k) ?? '[]')
      if (d.problem !== null) problems.push(`an unsaved-edits journal could not be read (${d.problem}) and was dropped`)
      updates.push(...d.updates)
      storage.removeItem(k)
    }
    return { updates, problems }
  }

  record(update: Uint8Array): void {
    if (update.byteLength > LARGEST_JOURNALED) return
    this.entries.push({ seq: this.seq++, update })
    this.bytes += update.byteLength
    if (this.bytes > MERGE_ABOVE_BYTES && this.entries.length > 1) {
      const merged = Y.mergeUpdates(this.entries.map((e) => e.update))
      this.entries = [{ seq: this.entries[this.entries.length - 1].seq, update: merged }]
      this.bytes = merged.byteLength
    }
    this.write()
  }

  /** A mark for `release`: everything recorded before this call. */
  mark(): number {
    return this.seq
  }

  /** Drops the entries recorded before `mark` (they are known to be in IndexedDB). */
  release(mark: number): void {
    const keep = this.entries.filter((e) => e.seq >= mark)
    if (keep.length === this.entries.length) return
    this.entries = keep
    this.bytes = keep.reduce((n, e) => n + e.update.byteLength, 0)
    this.write()
  }

  get size(): number {
    return this.entries.length
  }

  /** Empties the journal and its key. */
  clear(): void {
    this.entries = []
    this.bytes = 0
    this.storage?.removeItem(this.key)
  }

  private write(): void {
    if (this.storage === null) return
    try {
      if (this.entries.length === 0) this.storage.removeItem(this.key)
      else this.storage.setItem(this.key, encodeJournal(this.entries.map((e) => e.update)))
    } catch (e) {
      this.problem ??= e instanceof Error ? e.message : String(e)
    }
  }
}
