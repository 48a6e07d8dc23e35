import { SCHEMA_KEY, savedUpdatesProblem } from '../../core/savedRoom'

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

/**
 * Reads a room's saved database without changing it and judges it: it must be y-indexeddb's
 * layout (stores `updates` and `custom`), carry this schema (or none yet), and its updates must
 * apply to an empty document and follow the schema (`savedUpdatesProblem`).
 */
export const inspectSavedRoom = async (factory: IDBFactory, name: string): Promise<SavedRoomInspection> => {
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
    const [values, schema] = await Promise.all([req(tx.objectStore('updates').getAll()), req(tx.objectStore('custom').get(SCHEMA_KEY))])
    const problem = savedUpdatesProblem(values, schema)
    return problem === null ? { kind: 'ok' } : { kind: 'bad', reason: problem }
  } catch (e) {
    return { kind: 'bad', reason: `it cannot be read (${e instanceof Error ? e.message : String(e)})` }
  } finally {
    db.close()
  }
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
