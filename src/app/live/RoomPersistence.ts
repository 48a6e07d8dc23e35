import { IndexeddbPersistence, PREFERRED_TRIM_SIZE, storeState } from 'y-indexeddb'
import * as Y from 'yjs'
import { SAVED_SCHEMA, SCHEMA_KEY } from '../../core/savedRoom'
import { validateUpdate } from '../../core/validate'
import type { JournalSlots } from './journalSlots'
import { PreviewKeeper } from './PreviewKeeper'
import { RoomKeeper } from './RoomKeeper'
import { deleteDatabase, inspectSavedRoom, setAsideDatabase } from './savedRoomDatabase'
import { UpdateJournal } from './UpdateJournal'

/** What the page says about this room's copy on this device. */
export type SavedState =
  | { state: 'loading' }
  | { state: 'saved' }
  | { state: 'forgotten' }
  | { state: 'unavailable'; reason: string }

/** Transaction origin of updates replayed from the journal. */
export const JOURNAL_ORIGIN = Symbol('journal')

/** How long after an update the journal asks IndexedDB whether it is stored (then drops it). */
const CHECKPOINT_MS = 200

export interface PersistenceEvents {
  status(s: SavedState): void
  /** Something worth a notice: a database set aside, a journal entry refused. */
  problem(text: string): void
}

/** A storage exception in words (a full quota is said as such, whatever the browser calls it). */
const storageProblem = (raw: string): string =>
  /quota|exceeded|full/i.test(raw) ? "this device's storage for the page is full" : `the browser refused to store them (${raw.slice(0, 120)})`

/** Resolves when the page is idle (at most a second from now). */
const whenIdle = (): Promise<void> =>
  new Promise((resolve) => {
    const ric = (globalThis as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number }).requestIdleCallback
    if (ric === undefined) setTimeout(resolve, 300)
    else ric(() => resolve(), { timeout: 1000 })
  })

/** The database of a room: named after it (README "Persistence"). */
export const databaseName = (room: string): string => room

/**
 * Keeps one room's replica on this device: y-indexeddb in a database named after the room, a
 * synchronous journal of what IndexedDB has not yet confirmed (`UpdateJournal`), and a check of
 * the saved copy before it is merged (a broken or foreign database is moved aside under another
 * name and reported, never merged). `forget()` deletes this device's copy and stops saving;
 * `resume()` starts again. Everything it subscribes to is undone by `destroy()`.
 */
export class RoomPersistence {
  private idb: IndexeddbPersistence | null = null
  private preview: PreviewKeeper | null = null
  private journal: UpdateJournal
  private keeper: RoomKeeper
  private timer: ReturnType<typeof setTimeout> | null = null
  private recording = false
  private destroyed = false
  private run = 0
  private said = { keptAside: false, problem: false }
  /** A checkpoint's transaction is pending. */
  private checkpointing = false
  /** Issues the IndexedDB writes held back by a burst. */
  private flushStoring: () => void = () => {}
  status: SavedState = { state: 'loading' }

  constructor(
    readonly room: string,
    readonly doc: Y.Doc,
    private readonly events: PersistenceEvents,
    private readonly env: { indexedDB: IDBFactory | null; storage: Storage | null; tab: string; now: () => number; locks?: LockManager | null; slots?: JournalSlots | null },
    /** What `readRoomCopy` already read into the document (and checked): the last row's key. Null: nothing read yet. */
    private preloaded: { lastKey: number | null } | null = null,
  ) {
    this.journal = new UpdateJournal(env.storage, room, env.tab, env.slots ?? null)
    this.keeper = new RoomKeeper(env.locks ?? null, room, () => {
      // Taking over from a keeper that closed: what it had not yet written is in this replica.
      if (this.idb?.synced) void storeState(this.idb, true)
      this.preview?.changed()
    })
  }

  /** Whether this tab journals and stores an update: its own edits always, the rest when it is the room's keeper. */
  private keeps = (origin: unknown, tr: Y.Transaction | undefined): boolean =>
    this.keeper.keeper || tr === undefined || tr.local || origin === JOURNAL_ORIGIN

  /** The origin y-indexeddb applies restored updates with (so the log can say "from this device"). */
  isOwnOrigin(origin: unknown): boolean {
    return origin === JOURNAL_ORIGIN || (origin !== null && origin === this.idb)
  }

  async start(): Promise<void> {
    const run = ++this.run
    const factory = this.env.indexedDB
    if (factory === null) {
      this.setStatus({ state: 'unavailable', reason: 'this browser gives the page no IndexedDB' })
      return
    }
    // Journals first, synchronously: updates from this load must not be taken for old ones.
    const left = UpdateJournal.takeAll(this.env.storage, this.room, this.env.slots ?? null)
    for (const p of left.problems) this.events.problem(`Saved on this device: ${p}.`)
    // Recording starts a microtask later, so that y-webrtc's own 'update' handler (its room opens
    // on a microtask after the provider is made) runs first: a keystroke is broadcast before it is journaled.
    await Promise.resolve()
    if (run !== this.run || this.destroyed) return
    this.recording = true
    this.doc.on('update', this.onUpdate)
    const name = databaseName(this.room)
    const preloaded = this.preloaded
    this.preloaded = null
    try {
      const found = preloaded !== null ? ({ kind: 'ok' } as const) : await inspectSavedRoom(factory, name)
      if (found.kind === 'bad') {
        const aside = `${name}~set-aside-${this.env.now()}`
        await setAsideDatabase(factory, name, aside)
        this.events.problem(
          `The copy of this room saved on this device could not be used: ${found.reason}. It was set aside as the database "${aside}" (nothing was merged), and this replica starts without it.`,
        )
      }
    } catch (e) {
      this.stopRecording()
      this.setStatus({ state: 'unavailable', reason: `the saved copy could not be checked (${e instanceof Error ? e.message : String(e)})` })
      return
    }
    // The last visit's unconfirmed edits, as soon as the room is wired (after this task's
    // synchronous start), checked first; y-indexeddb stores them when it opens.
    await Promise.resolve()
    if (run !== this.run || this.destroyed) return
    let refused = 0
    for (const u of left.updates) {
      if (validateUpdate(u).ok) Y.applyUpdate(this.doc, u, JOURNAL_ORIGIN)
      else refused++
    }
    if (refused > 0) this.events.problem(`Saved on this device: ${refused} unsaved edit(s) from the last visit were damaged and were dropped.`)
    // A preloaded document is already on screen: y-indexeddb, which on opening writes the whole
    // state as a new row, waits until the page is idle (the journal keeps every edit meanwhile).
    if (preloaded !== null) await whenIdle()
    if (run !== this.run || this.destroyed) return
    const idb = new IndexeddbPersistence(name, this.doc)
    // y-indexeddb reads rows from `_dbref` on (once its database opens, a later task): rows this
    // document already holds are not integrated a second time. Pinned y-indexeddb 9.0.12 internals.
    if (preloaded?.lastKey !== null && preloaded?.lastKey !== undefined) (idb as unknown as { _dbref: number })._dbref = preloaded.lastKey + 1
    this.flushStoring = deferStoring(idb, this.doc, this.keeps, () => this.keeper.keeper)
    this.idb = idb
    await idb.whenSynced
    if (run !== this.run || this.destroyed) return
    void idb.set(SCHEMA_KEY, SAVED_SCHEMA)
    // y-indexeddb stored the whole state as a new row when it opened: the preview is rewritten.
    this.preview = new PreviewKeeper(this.doc, () => (this.idb?.synced ? this.idb.db : null), this.env.now)
    this.preview.changed()
    this.preview.flush()
    this.setStatus({ state: 'saved' })
    this.scheduleCheckpoint()
  }

  /** Deletes this device's copy of the room and stops saving; this tab keeps its replica until it closes. */
  async forget(): Promise<void> {
    this.run++
    this.stopRecording()
    this.journal.clear()
    this.preview?.destroy()
    this.preview = null
    const idb = this.idb
    this.idb = null
    if (idb !== null) await idb.destroy()
    if (this.env.indexedDB !== null) {
      try {
        await deleteDatabase(this.env.indexedDB, databaseName(this.room))
      } catch (e) {
        this.events.problem(`This room's copy could not be deleted from this device: ${e instanceof Error ? e.message : String(e)}. Close the other tabs of this room and try again.`)
      }
    }
    this.setStatus({ state: 'forgotten' })
  }

  /** Saves again after `forget()`: the replica as it is now, and every update after. */
  resume(): Promise<void> {
    this.setStatus({ state: 'loading' })
    return this.start()
  }

  destroy(): void {
    this.destroyed = true
    this.run++
    this.stopRecording()
    // The journal stays in localStorage: what IndexedDB has not confirmed is replayed next time.
    // The preview is written before the database closes (closing lets its transactions finish).
    this.flushStoring()
    if (this.keeper.keeper) this.preview?.flush()
    this.preview?.destroy()
    this.preview = null
    void this.idb?.destroy()
    this.idb = null
    this.keeper.destroy()
  }

  private setStatus(s: SavedState): void {
    this.status = s
    this.events.status(s)
  }

  private stopRecording(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    if (this.recording) this.doc.off('update', this.onUpdate)
    this.recording = false
  }

  private onUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction): void => {
    // The preview is one per room, the same for every tab: the keeper writes it.
    if (this.keeper.keeper) this.preview?.changed()
    if ((origin !== null && origin === this.idb) || !this.keeps(origin, tr)) return
    // A microtask later: y-webrtc posts a keystroke to BroadcastChannel from a microtask of its own
    // (queued by its 'update' handler, which runs before this one), so the post goes out first.
    // Still before any task, so nothing (not even closing the tab) comes between.
    queueMicrotask(() => this.record(update))
  }

  private record(update: Uint8Array): void {
    if (!this.recording) return
    this.journal.record(update)
    // Each said once per tab, however many keystrokes meet a full storage.
    const keptAside = this.journal.usedReserve ? 'through a close (in space the page had set aside)' : this.journal.usedSlot
    if (keptAside !== null && !this.said.keptAside) {
      this.said.keptAside = true
      this.events.problem(
        `This device's storage for the page is full. The last edits are still kept ${keptAside}, and IndexedDB keeps the rest within about a second; free some space for this site to be safe.`,
      )
    }
    if (this.journal.problem !== null && !this.said.problem) {
      this.said.problem = true
      this.events.problem(`Unsaved edits cannot be kept safe through a reload: ${storageProblem(this.journal.problem)}. IndexedDB still saves them within about a second.`)
    }
    this.scheduleCheckpoint()
  }

  private scheduleCheckpoint(): void {
    // One checkpoint at a time: while IndexedDB is slow, checkpoints must not pile up behind it.
    if (this.timer !== null || this.checkpointing || this.journal.size === 0) return
    this.timer = setTimeout(this.checkpoint, CHECKPOINT_MS)
  }

  /**
   * IndexedDB runs transactions on one store in the order they were created: a read-only one that
   * completes after y-indexeddb's writes proves them committed, so the journal can let them go.
   */
  private checkpoint = (): void => {
    this.timer = null
    const db = this.idb?.synced ? this.idb.db : null
    if (db === null || db === undefined) {
      this.scheduleCheckpoint()
      return
    }
    // Writes held back by a burst are issued first: the checkpoint must come after them.
    this.flushStoring()
    const mark = this.journal.mark()
    try {
      // One key read, not count(): a count walks every row, and rows pile up while updates keep coming.
      const tx = db.transaction(['updates'], 'readonly')
      tx.objectStore('updates').get(-1)
      this.checkpointing = true
      tx.oncomplete = () => {
        this.checkpointing = false
        this.journal.release(mark)
        this.scheduleCheckpoint()
      }
      tx.onabort = () => {
        this.checkpointing = false
        this.scheduleCheckpoint()
      }
    } catch {
      this.scheduleCheckpoint()
    }
  }
}

/**
 * y-indexeddb writes each update to IndexedDB inside the 'update' event, one transaction each; y-webrtc
 * posts it to BroadcastChannel only from a microtask. The write is moved a microtask later, after
 * the post, so a keystroke reaches the other tabs first. And it waits for the one before it: while
 * a write is in flight (a read-only transaction created after it completes once it is committed),
 * later updates are held and merged into the next one. A thousand updates a second, or a stalled
 * IndexedDB (eight tabs of a room writing to one database), then queue one transaction, not
 * thousands each holding its update and its request's handlers. Remote updates are stored only by
 * the room's keeper tab (`keeps`). Returns `flush`, which issues what
 * is held at once (before a checkpoint, which must come after it, or a close).
 * Pinned y-indexeddb 9.0.12 internals (`_storeUpdate`, `_destroyed`, `db`; its destroy() unsubscribes `_storeUpdate`).
 */
const deferStoring = (
  idb: IndexeddbPersistence,
  doc: Y.Doc,
  keeps: (origin: unknown, tr: Y.Transaction | undefined) => boolean,
  compacts: () => boolean,
): (() => void) => {
  const inner = idb as unknown as { _storeUpdate: (update: Uint8Array, origin: unknown, doc?: Y.Doc, tr?: Y.Transaction) => void; _destroyed: boolean; db: IDBDatabase | null; _dbsize: number }
  const store = inner._storeUpdate
  let held: Uint8Array[] = []
  let inFlight = false
  let lastTrim = Number.NEGATIVE_INFINITY
  const write = (force: boolean) => {
    if (held.length === 0 || inner._destroyed || inner.db === null || (inFlight && !force)) return
    const update = held.length === 1 ? held[0] : Y.mergeUpdates(held)
    held = []
    // y-indexeddb itself compacts a second after a write once it counts PREFERRED_TRIM_SIZE rows;
    // under a lagging IndexedDB, writes come in bursts with such gaps, and every tab compacting
    // made the lag worse (the soak's journals grew from its fourth minute). Only the keeper may.
    if (!compacts()) inner._dbsize = Math.min(inner._dbsize, PREFERRED_TRIM_SIZE - 2)
    store(update, null)
    // y-indexeddb compacts its rows only after a second without writes, which never comes under a
    // steady load: rows would pile up for ever. Past its trim size it is asked at most every 5 s,
    // by the keeper tab only: a compaction reads every row and writes the whole document, and its
    // cost grows with the document; eight tabs each doing it put IndexedDB minutes behind (soak).
    // The keeper's compaction takes every tab's rows.
    const now = performance.now()
    if (compacts() && inner._dbsize >= PREFERRED_TRIM_SIZE && now - lastTrim > 5000) {
      lastTrim = now
      void storeState(idb, false)
    }
    inFlight = true
    try {
      const probe = inner.db.transaction(['updates'], 'readonly')
      probe.objectStore('updates').get(-1)
      probe.oncomplete = probe.onabort = probe.onerror = () => {
        inFlight = false
        write(false)
      }
    } catch {
      inFlight = false
    }
  }
  doc.off('update', store)
  inner._storeUpdate = (update, origin, _doc, tr) => {
    if (origin === idb || !keeps(origin, tr)) return
    queueMicrotask(() => {
      held.push(update)
      write(false)
    })
  }
  doc.on('update', inner._storeUpdate)
  return () => write(true)
}
