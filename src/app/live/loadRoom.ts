import * as Y from 'yjs'
import type { SavedPreview } from '../../core/savedPreview'
import { databaseName } from './RoomPersistence'
import { buildSavedRoom, readSavedRows, setAsideDatabase } from './savedRoomDatabase'

/** What a live room starts from: its document (built from this device's copy when there is one). */
export interface LoadedRoom {
  doc: Y.Doc
  /** What was read: the last row's key (y-indexeddb then reads only newer rows) and the bytes. */
  saved: { lastKey: number | null; bytes: number } | null
  /** Problems found, in words (a copy set aside). */
  problems: string[]
}

/** This device's copy of a room, read but not yet built: what it showed (when known) and how to build it. */
export interface RoomCopy {
  /** What the room showed when it was last saved; null when unknown or out of date. */
  preview: SavedPreview | null
  /** Builds the replica's document (into `doc` when given: an empty one), or moves a broken copy aside. */
  load(doc?: Y.Doc): Promise<LoadedRoom>
}

const fresh = (problems: string[], doc?: Y.Doc): LoadedRoom => ({ doc: doc ?? new Y.Doc({ gc: false }), saved: null, problems })

/**
 * Reads this device's copy of a room before the room starts. `load()` then builds it straight into
 * the document the replica will use: one integration, not a check on a scratch copy and then a
 * second load by y-indexeddb. A broken or foreign copy is moved aside (`<room>~set-aside-<time>`)
 * and reported, and the replica starts from an empty document; nothing of it is merged.
 */
export const readRoomCopy = async (room: string, factory: IDBFactory | null, now: () => number): Promise<RoomCopy> => {
  if (factory === null) return { preview: null, load: async (doc) => fresh([], doc) }
  const name = databaseName(room)
  const failed = (e: unknown): RoomCopy => ({
    preview: null,
    load: async (doc) => fresh([`The copy of this room saved on this device could not be checked (${e instanceof Error ? e.message : String(e)}); this replica starts without it.`], doc),
  })
  try {
    const rows = await readSavedRows(factory, name)
    return {
      preview: rows.kind === 'rows' ? rows.preview : null,
      load: async (doc) => {
        try {
          const built = buildSavedRoom(rows, doc)
          if (built.kind === 'ok' && built.dropped === 0) return { doc: built.doc, saved: { lastKey: built.lastKey, bytes: built.bytes }, problems: [] }
          if (built.kind === 'ok') {
            // Some rows could not be read: the replica starts from the others, and the copy as it
            // was (bad rows included) is kept aside; y-indexeddb saves the replica afresh.
            const aside = `${name}~set-aside-${now()}`
            await setAsideDatabase(factory, name, aside)
            const n = built.dropped
            return {
              doc: built.doc,
              saved: null,
              problems: [
                `${n} of the ${built.rows} entries of this room's copy saved on this device could not be read and ${n === 1 ? 'was' : 'were'} left out; the replica starts with the other ${built.rows - n}. The copy as it was is kept as the database "${aside}".`,
              ],
            }
          }
          if (built.kind === 'none') return fresh([], doc)
          const aside = `${name}~set-aside-${now()}`
          await setAsideDatabase(factory, name, aside)
          return fresh(
            [
              `The copy of this room saved on this device could not be used: ${built.reason}. It was set aside as the database "${aside}" (nothing was merged), and this replica starts without it.`,
            ],
            doc !== undefined && !doc.isDestroyed ? doc : undefined,
          )
        } catch (e) {
          return failed(e).load()
        }
      },
    }
  } catch (e) {
    return failed(e)
  }
}
