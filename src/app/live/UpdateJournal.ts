import * as Y from 'yjs'
import { decodeJournal, encodeJournalEntry } from '../../core/journalCodec'
import type { JournalSlots } from './journalSlots'

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
  /** Written to localStorage (else kept only in the tab's slot, if anywhere). */
  stored: boolean
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
 * When localStorage is full and its reserve is gone (or never was), the entries it refused are
 * merged into this tab's slot in a store with a quota of its own (`JournalSlots`).
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
  /** How the first write that localStorage refused was kept instead (`JournalSlots.keeps`), reported once by the owner. */
  usedSlot: string | null = null
  /** Why localStorage refused the last write. */
  private refusal = ''
  /** Whether this tab's slot holds something. */
  private slotFull = false

  constructor(
    private readonly storage: Storage | null,
    private readonly room: string,
    private readonly tab: string,
    private readonly slots: JournalSlots | null = null,
  ) {
    this.tabKey = `${prefixOf(room)}${tab}`
    this.restoreReserve()
  }

  /** Whether some tab left unsaved edits of `room` (replayed when the room starts), without taking them. */
  static any(storage: Storage | null, room: string, slots: JournalSlots | null = null): boolean {
    if (slots?.has(room)) return true
    if (storage === null) return false
    const prefix = prefixOf(room)
    for (let i = 0; i < storage.length; i++) if (storage.key(i)?.startsWith(prefix)) return true
    return false
  }

  /** Takes (reads and removes) every journal left for `room`: updates to replay, and problems in words. */
  static takeAll(storage: Storage | null, room: string, slots: JournalSlots | null = null): { updates: Uint8Array[]; problems: string[] } {
    const updates: Uint8Array[] = []
    const problems: string[] = []
    const keys: string[] = []
    const prefix = prefixOf(room)
    if (storage !== null)
      for (let i = 0; i < storage.length; i++) {
        const k = storage.key(i)
        if (k?.startsWith(prefix)) keys.push(k)
      }
    keys.sort((a, b) => (a.slice(0, a.lastIndexOf('/')) === b.slice(0, b.lastIndexOf('/')) ? seqOf(a) - seqOf(b) : a < b ? -1 : 1))
    let unreadable = 0
    let firstProblem = ''
    const read = (text: string) => {
      const d = decodeJournal(text)
      if (d.problem !== null) {
        unreadable++
        firstProblem ||= d.problem
      }
      updates.push(...d.updates)
    }
    for (const k of keys) {
      read(storage?.getItem(k) ?? '[]')
      storage?.removeItem(k)
    }
    for (const text of slots?.take(room) ?? []) read(text)
    if (unreadable > 0)
      problems.push(`${unreadable === 1 ? 'an unsaved-edits journal entry' : `${unreadable} unsaved-edits journal entries`} could not be read (${firstProblem}) and ${unreadable === 1 ? 'was' : 'were'} dropped`)
    return { updates, problems }
  }

  record(update: Uint8Array): void {
    if (update.byteLength > LARGEST_JOURNALED) return
    const entry = { seq: this.seq++, update, stored: false }
    this.entries.push(entry)
    this.newBytes += update.byteLength
    const n = this.entries.length
    if (n >= MERGE_ALWAYS_ENTRIES || (n >= MERGE_AFTER_ENTRIES && this.newBytes >= this.mergedBytes)) entry.stored = this.merge()
    else entry.stored = this.write(entry)
    if (!entry.stored && !this.writeSlot()) this.problem ??= this.refusal
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
    if (this.slotFull) this.writeSlot()
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
    if (this.slotFull) this.writeSlot()
  }

  private keyOf(seq: number): string {
    return `${this.tabKey}/${seq}`
  }

  /** Everything unconfirmed as one entry, under the newest entry's key. False: not written. */
  private merge(): boolean {
    const merged = { seq: this.entries[this.entries.length - 1].seq, update: Y.mergeUpdates(this.entries.map((e) => e.update)), stored: true }
    if (!this.write(merged)) return false
    for (const e of this.entries) if (e.seq !== merged.seq) this.storage?.removeItem(this.keyOf(e.seq))
    this.entries = [merged]
    this.mergedBytes = merged.update.byteLength
    this.newBytes = 0
    return true
  }

  /** Writes one entry; when storage is full, gives up the reserve and tries again. False: refused (`refusal` says why). */
  private write(e: Entry): boolean {
    if (this.storage === null) {
      this.refusal = 'this page may not use localStorage'
      return false
    }
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
      this.refusal = first instanceof Error ? first.message : String(first)
      return false
    }
  }

  /**
   * This tab's slot holds every entry localStorage refused, merged (empty when none is left):
   * written again on each refusal and each release, so it holds the newest edits and nothing confirmed.
   */
  private writeSlot(): boolean {
    if (this.slots === null) return false
    const unstored = this.entries.filter((e) => !e.stored).map((e) => e.update)
    if (unstored.length === 0) {
      if (this.slots.write(this.room, this.tab, null)) this.slotFull = false
      return true
    }
    const value = encodeJournalEntry(unstored.length === 1 ? unstored[0] : Y.mergeUpdates(unstored))
    if (!this.slots.write(this.room, this.tab, value)) return false
    this.slotFull = true
    this.usedSlot ??= this.slots.keeps
    return true
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
