import * as Y from 'yjs'
import { counterValue, notesMap, sharedText } from '../schema'

export interface Version {
  id: number
  /** Wall or virtual time in ms, from the caller's clock. */
  time: number
  /** The snapshot, decoded from the bytes kept (`Y.encodeSnapshotV2`). */
  snapshot(): Y.Snapshot
  /** What the document showed, in words. */
  label: string
}

/** Versions kept (the oldest goes first). */
export const VERSIONS_KEPT = 20
/** Least time between two kept versions. */
export const VERSION_INTERVAL_MS = 5000

const labelOf = (doc: Y.Doc): string => {
  const chars = sharedText(doc).length
  const notes = notesMap(doc).size
  return `${chars} character${chars === 1 ? '' : 's'}, ${notes} note${notes === 1 ? '' : 's'}, counter ${counterValue(doc)}`
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

const versionOf = (id: number, time: number, encoded: Uint8Array, label: string): Version & { encoded: Uint8Array } => ({
  id,
  time,
  label,
  encoded,
  snapshot: () => Y.decodeSnapshotV2(encoded),
})

/**
 * A short history of a document: snapshots (state vector + delete set), at most one per
 * VERSION_INTERVAL_MS and only when something changed, the newest VERSIONS_KEPT. Each is kept
 * encoded: a decoded delete set is an object per deleted range, and a document that keeps its
 * deletions (as it must for restoring) holds thousands of ranges after a busy lesson, so twenty
 * decoded snapshots grew a page's heap by about a megabyte a minute under load (the soak bench).
 * Restoring one needs the deleted content, so the document must keep it (`gc: false`).
 */
export class VersionHistory {
  private items: Array<Version & { encoded: Uint8Array }> = []
  private nextId = 1
  version = 0

  constructor(readonly doc: Y.Doc) {}

  /** Takes a version now if the document changed since the last one (or holds anything, for the first) and the interval has passed. */
  maybeTake(now: number): Version | null {
    const last = this.items[this.items.length - 1]
    if (last === undefined && this.doc.store.clients.size === 0) return null
    if (last !== undefined && now - last.time < VERSION_INTERVAL_MS) return null
    // Encoding is deterministic (clients sorted, ranges sorted): equal bytes, equal snapshots.
    const encoded = Y.encodeSnapshotV2(Y.snapshot(this.doc))
    if (last !== undefined && sameBytes(last.encoded, encoded)) return null
    const v = versionOf(this.nextId++, now, encoded, labelOf(this.doc))
    this.items.push(v)
    if (this.items.length > VERSIONS_KEPT) this.items.shift()
    this.version++
    return v
  }

  /** Keeps `snapshot` as a version at `now`, whatever the interval (the document just before a flagged change). */
  keep(snapshot: Y.Snapshot, now: number, label: string): Version {
    const v = versionOf(this.nextId++, now, Y.encodeSnapshotV2(snapshot), label)
    this.items.push(v)
    if (this.items.length > VERSIONS_KEPT) this.items.shift()
    this.version++
    return v
  }

  /** Newest first. */
  list(): readonly Version[] {
    return [...this.items].reverse()
  }

  get(id: number): Version | undefined {
    return this.items.find((v) => v.id === id)
  }
}
