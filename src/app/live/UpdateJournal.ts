import * as Y from 'yjs'
import { decodeJournal, encodeJournalEntry } from '../../core/journalCodec'

/**
 * Keys are `aprime.journal/<room>/<tab>/<seq>` (one update each; earlier builds wrote one key
 * `aprime.journal/<room>/<tab>` holding a list). Room names cannot hold '/', so one room's prefix
 * never matches another's.
 */
const prefixOf = (room: string) => `aprime.journal/${room}/`

/**
 * Space this origin keeps in localStorage for a full quota: when a journal write fails, the
 * reserve is removed and the write tried again, so the last edit is still kept; it is written
 * again once IndexedDB has confirmed the journal and space is back. One key for every room and tab.
 */
export const RESERVE_KEY = 'aprime.journal-reserve'
const RESERVE_CHARS = 16 * 1024

/** Entries merged into one past this many (and past the merged entry's size: merging stays linear overall). */
const MERGE_AFTER_ENTRIES = 256
/** Entries merged whatever their size past this many keys. */
const MERGE_ALWAYS_ENTRIES = 4096

/**
 * Updates larger than this are left to IndexedDB alone: localStorage holds about 5 MB per origin,
 * and a large paste is not what a close right after a keystroke loses.
 */
const LARGEST_JOURNALED = 1024 * 1024

interface Entry {
  seq: number
  update: Uint8Array
}

const seqOf = (key: string): number => {
  const n = Number(key.slice(key.lastIndexOf('/') + 1))
  return Number.isInteger(n) ? n : -1
}

/**
 * A synchronous journal of the updates a tab has not yet seen committed to IndexedDB, in
 * localStorage (y-indexeddb's writes are asynchronous, and one still queued when the tab closes
 * is lost: its issue #28). Every update is written at once, under a key of its own: its cost does
 * not grow with the journal. `release(mark)` drops what an IndexedDB checkpoint proved stored.
 * While IndexedDB stalls, entries are merged now and then (each merge at least doubles what it
 * covers, so the cost per update stays bounded). The next load replays every journal of the room.
 * Each tab writes its own keys, so two tabs of a room never overwrite each other's entries.
 */
export class UpdateJournal {
  private entries: Entry[] = []
  /** Bytes of the first entry when it is a merge of earlier ones (0: none). */
  private mergedBytes = 0
  private newBytes = 0
  private seq = 0
  private readonly tabKey: string
  /** The first storage failure (quota, private mode) that lost an edit, reported once by the owner. */
  problem: string | null = null
  /** The first write kept only by giving up the reserve (storage full), reported once by the owner. */
  usedReserve = false

  constructor(
    private readonly storage: Storage | null,
    room: string,
    tab: string,
  ) {
    this.tabKey = `${prefixOf(room)}${tab}`
    this.restoreReserve()
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
    keys.sort((a, b) => (a.slice(0, a.lastIndexOf('/')) === b.slice(0, b.lastIndexOf('/')) ? seqOf(a) - seqOf(b) : a < b ? -1 : 1))
    let unreadable = 0
    let firstProblem = ''
    for (const k of keys) {
      const d = decodeJournal(storage.getItem(k) ?? '[]')
      if (d.problem !== null) {
        unreadable++
        firstProblem ||= d.problem
      }
      updates.push(...d.updates)
      storage.removeItem(k)
    }
    if (unreadable > 0)
      problems.push(`${unreadable === 1 ? 'an unsaved-edits journal entry' : `${unreadable} unsaved-edits journal entries`} could not be read (${firstProblem}) and ${unreadable === 1 ? 'was' : 'were'} dropped`)
    return { updates, problems }
  }

  record(update: Uint8Array): void {
    if (update.byteLength > LARGEST_JOURNALED) return
    const entry = { seq: this.seq++, update }
    this.entries.push(entry)
    this.newBytes += update.byteLength
    const n = this.entries.length
    if (n >= MERGE_ALWAYS_ENTRIES || (n >= MERGE_AFTER_ENTRIES && this.newBytes >= this.mergedBytes)) this.merge()
    else this.write(entry)
  }

  /** A mark for `release`: everything recorded before this call. */
  mark(): number {
    return this.seq
  }

  /** Drops the entries recorded before `mark` (they are known to be in IndexedDB). */
  release(mark: number): void {
    let i = 0
    while (i < this.entries.length && this.entries[i].seq < mark) this.storage?.removeItem(this.keyOf(this.entries[i++].seq))
    if (i === 0) return
    this.entries = this.entries.slice(i)
    this.mergedBytes = 0
    this.newBytes = this.entries.reduce((b, e) => b + e.update.byteLength, 0)
    if (this.entries.length === 0) this.restoreReserve()
  }

  get size(): number {
    return this.entries.length
  }

  /** Empties the journal and its keys. */
  clear(): void {
    for (const e of this.entries) this.storage?.removeItem(this.keyOf(e.seq))
    this.entries = []
    this.mergedBytes = 0
    this.newBytes = 0
  }

  private keyOf(seq: number): string {
    return `${this.tabKey}/${seq}`
  }

  /** Everything unconfirmed as one entry, under the newest entry's key. */
  private merge(): void {
    const merged = { seq: this.entries[this.entries.length - 1].seq, update: Y.mergeUpdates(this.entries.map((e) => e.update)) }
    if (!this.write(merged)) return
    for (const e of this.entries) if (e.seq !== merged.seq) this.storage?.removeItem(this.keyOf(e.seq))
    this.entries = [merged]
    this.mergedBytes = merged.update.byteLength
    this.newBytes = 0
  }

  /** Writes one entry; when storage is full, gives up the reserve and tries again. */
  private write(e: Entry): boolean {
    if (this.storage === null) return false
    const value = encodeJournalEntry(e.update)
    try {
      this.storage.setItem(this.keyOf(e.seq), value)
      return true
    } catch (first) {
      if (this.storage.getItem(RESERVE_KEY) !== null) {
        this.storage.removeItem(RESERVE_KEY)
        try {
          this.storage.setItem(this.keyOf(e.seq), value)
          this.usedReserve = true
          return true
        } catch {
          // still full: reported below
        }
      }
      this.problem ??= first instanceof Error ? first.message : String(first)
      return false
    }
  }

  /** Sets the reserve aside again when there is room (quietly: a full storage keeps it unset). */
  private restoreReserve(): void {
    if (this.storage === null || this.storage.getItem(RESERVE_KEY) !== null) return
    try {
      this.storage.setItem(RESERVE_KEY, '.'.repeat(RESERVE_CHARS))
    } catch {
      // no room yet
    }
  }
}
