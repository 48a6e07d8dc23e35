import * as Y from 'yjs'
import { databaseName } from './RoomPersistence'
import { readSavedRoomDatabase, setAsideDatabase } from './savedRoomDatabase'

/** What a live room starts from: its document (built from this device's copy when there is one). */
export interface LoadedRoom {
  doc: Y.Doc
  /** What was read: the last row's key (y-indexeddb then reads only newer rows) and the bytes. */
  saved: { lastKey: number | null; bytes: number } | null
  /** Problems found, in words (a copy set aside). */
  problems: string[]
}

/**
 * Reads this device's copy of a room before the room starts, straight into the document the
 * replica will use: one integration, not a check on a scratch copy and then a second load by
 * y-indexeddb. A broken or foreign copy is moved aside (`<room>~set-aside-<time>`) and reported,
 * and the replica starts from an empty document; nothing of it is merged.
 */
export const loadRoom = async (room: string, factory: IDBFactory | null, now: () => number): Promise<LoadedRoom> => {
  const fresh = (problems: string[]): LoadedRoom => ({ doc: new Y.Doc({ gc: false }), saved: null, problems })
  if (factory === null) return fresh([])
  const name = databaseName(room)
  try {
    const read = await readSavedRoomDatabase(factory, name)
    if (read.kind === 'ok') return { doc: read.doc, saved: { lastKey: read.lastKey, bytes: read.bytes }, problems: [] }
    if (read.kind === 'none') return fresh([])
    const aside = `${name}~set-aside-${now()}`
    await setAsideDatabase(factory, name, aside)
    return fresh([
      `The copy of this room saved on this device could not be used: ${read.reason}. It was set aside as the database "${aside}" (nothing was merged), and this replica starts without it.`,
    ])
  } catch (e) {
    return fresh([`The copy of this room saved on this device could not be checked (${e instanceof Error ? e.message : String(e)}); this replica starts without it.`])
  }
}
