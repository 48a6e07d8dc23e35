import type * as Y from 'yjs'
import { PREVIEW_KEY, readPreview, type SavedPreview } from '../../core/savedPreview'
import { readSavedRoom, SCHEMA_KEY } from '../../core/savedRoom'

/** What is found under a room's database name before y-indexeddb may open it. */
export type SavedRoomInspection = { kind: 'none' } | { kind: 'ok' } | { kind: 'bad'; reason: string }

const req = <T>(r: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error)
  })

/** Opens an existing database at its current version (no upgrade: nothing is created or changed). */
const openExisting = (factory: IDBFactory, name: string): Promise<IDBDatabase> =>
  new Promise((resolve, reject) => {
    const r = factory.open(name)
    r.onupgradeneeded = () => {
      r.transaction?.abort()
      reject(new Error('the database vanished while it was being read'))
    }
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error)
  })

const exists = async (factory: IDBFactory, name: string): Promise<boolean> => {
  if (typeof factory.databases !== 'function') return true
  return (await factory.databases()).some((d) => d.name === name)
}

/** A room's saved database as read, before anything is built from it. */
export type SavedRows =
  | { kind: 'none' }
  | { kind: 'rows'; values: unknown[]; schema: unknown; lastKey: number | null; bytes: number; preview: SavedPreview | null }
  | { kind: 'bad'; reason: string }

/** A room's saved database as read: its document built (and checked), and the last row's key. */
export type SavedRoomRead =
  | { kind: 'none' }
  | { kind: 'ok'; doc: Y.Doc; lastKey: number | null; bytes: number; dropped: number; rows: number }
  | { kind: 'bad'; reason: string }

/**
 * Reads a room's saved database without changing it, in one transaction: its rows, its schema
 * version and its preview (null unless it covers the newest row). It must be y-indexeddb's layout
 * (stores `updates` and `custom`).
 */
export const readSavedRows = async (factory: IDBFactory, name: string): Promise<SavedRows> => {
  if (!(await exists(factory, name))) return { kind: 'none' }
  let db: IDBDatabase
  try {
    db = await openExisting(factory, name)
  } catch (e) {
    return { kind: 'bad', reason: `it cannot be opened (${e instanceof Error ? e.message : String(e)})` }
  }
  try {
    const stores = [...db.objectStoreNames]
    if (!stores.includes('updates') || !stores.includes('custom')) {
      return { kind: 'bad', reason: `it is not a saved room of this playground (it holds ${stores.length === 0 ? 'no stores' : `the stores ${stores.map((s) => `"${s}"`).join(', ')}`})` }
    }
    const tx = db.transaction(['updates', 'custom'], 'readonly')
    const updates = tx.objectStore('updates')
    const custom = tx.objectStore('custom')
    const [values, keys, schema, preview] = await Promise.all([req(updates.getAll()), req(updates.getAllKeys()), req(custom.get(SCHEMA_KEY)), req(custom.get(PREVIEW_KEY))])
    const last = keys[keys.length - 1]
    const lastKey = typeof last === 'number' ? last : null
    const bytes = values.reduce((n: number, v) => n + ((v as Uint8Array).byteLength ?? 0), 0)
    return { kind: 'rows', values, schema, lastKey, bytes, preview: readPreview(preview, lastKey) }
  } catch (e) {
    return { kind: 'bad', reason: `it cannot be read (${e instanceof Error ? e.message : String(e)})` }
  } finally {
    db.close()
  }
}

/**
 * Builds the replica's document from rows read by `readSavedRows`: its updates must apply to an
 * empty document and follow the schema (`readSavedRoom`). `doc`: the empty document to build into.
 */
export const buildSavedRoom = (rows: SavedRows, doc?: Y.Doc): SavedRoomRead => {
  if (rows.kind !== 'rows') return rows
  const read = readSavedRoom(rows.values, rows.schema, doc)
  if (read.doc === null) return { kind: 'bad', reason: read.problem }
  return { kind: 'ok', doc: read.doc, lastKey: rows.lastKey, bytes: rows.bytes, dropped: read.dropped, rows: rows.values.length }
}

/** Reads a room's saved database without changing it and builds the replica's document from it (`readSavedRows`, `buildSavedRoom`). */
export const readSavedRoomDatabase = async (factory: IDBFactory, name: string): Promise<SavedRoomRead> => buildSavedRoom(await readSavedRows(factory, name))

/** Judges a room's saved database without keeping what was read (see `readSavedRoomDatabase`). */
export const inspectSavedRoom = async (factory: IDBFactory, name: string): Promise<SavedRoomInspection> => {
  const r = await readSavedRoomDatabase(factory, name)
  if (r.kind === 'ok') r.doc.destroy()
  return r.kind === 'ok' ? { kind: 'ok' } : r
}

/** Deletes a database; resolves when it is gone (or rejects when another tab holds it open). */
export const deleteDatabase = (factory: IDBFactory, name: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const r = factory.deleteDatabase(name)
    r.onsuccess = () => resolve()
    r.onerror = () => reject(r.error)
    r.onblocked = () => reject(new Error('another tab still has it open'))
  })

/**
 * Moves a database aside: copies every store (keys, values, key paths) into `to`, then deletes
 * the original, so the room starts clean under its own name and nothing is lost or merged.
 */
export const setAsideDatabase = async (factory: IDBFactory, from: string, to: string): Promise<void> => {
  const src = await openExisting(factory, from)
  const dump: Array<{ name: string; keyPath: string | string[] | null; autoIncrement: boolean; keys: IDBValidKey[]; values: unknown[] }> = []
  try {
    for (const name of src.objectStoreNames) {
      const store = src.transaction(name, 'readonly').objectStore(name)
      const [keys, values] = await Promise.all([req(store.getAllKeys()), req(store.getAll())])
      dump.push({ name, keyPath: store.keyPath, autoIncrement: store.autoIncrement, keys, values })
    }
  } finally {
    src.close()
  }
  const dst = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = factory.open(to, 1)
    r.onupgradeneeded = () => {
      for (const s of dump) r.result.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement })
    }
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error)
  })
  try {
    if (dump.length > 0) {
      const tx = dst.transaction(
        dump.map((s) => s.name),
        'readwrite',
      )
      for (const s of dump) {
        const store = tx.objectStore(s.name)
        s.values.forEach((v, i) => {
          if (s.keyPath === null) store.put(v, s.keys[i])
          else store.put(v)
        })
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve()
        tx.onerror = () => reject(tx.error)
        tx.onabort = () => reject(tx.error)
      })
    }
  } finally {
    dst.close()
  }
  await deleteDatabase(factory, from)
}
