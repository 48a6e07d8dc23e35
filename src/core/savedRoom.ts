import * as Y from 'yjs'
import { schemaProblem } from './schemaShape'
import { checkShape } from './validate'

/** Schema version written into a saved room's database (y-indexeddb's `custom` store, key `schema`). */
export const SAVED_SCHEMA = 1

/** The key under which the schema version is kept in a saved room's `custom` store. */
export const SCHEMA_KEY = 'aprime-schema'

/**
 * Builds a replica's document from the saved updates of a room, or says why they cannot be used.
 * Rows that are not updates, or do not apply, are left out and counted (`dropped`) as long as the
 * others give the same document without them; the result must follow the schema (updates waiting for missing ones are kept: a replica may hold
 * pending updates, and saves them). On a problem the half-built document is destroyed, so a
 * broken copy never reaches a replica. The document (`doc`: an empty one to build into) has gc
 * off by default, as the live room's.
 */
export const readSavedRoom = (
  values: readonly unknown[],
  schema: unknown,
  doc: Y.Doc = new Y.Doc({ gc: false }),
): { doc: Y.Doc; problem: null; dropped: number } | { doc: null; problem: string } => {
  if (schema !== undefined && schema !== SAVED_SCHEMA) {
    doc.destroy()
    return { doc: null, problem: `it was saved with another schema (version ${String(schema).slice(0, 20)}, this build reads ${SAVED_SCHEMA})` }
  }
  const fail = (problem: string) => {
    doc.destroy()
    return { doc: null, problem }
  }
  // No separate decode first: each row is applied once, straight into the new document. A row that
  // is not an update, or throws while it applies, is left out and counted; when any was, the rest is
  // applied again to a scratch document and must give the same snapshot, or a throw that changed
  // something halfway would reach the replica: then the whole copy is refused.
  const good: Uint8Array[] = []
  let firstBad = ''
  Y.transact(doc, () => {
    for (let i = 0; i < values.length; i++) {
      const shape = checkShape(values[i])
      if (shape !== null) {
        firstBad ||= `entry ${i + 1}: ${shape.message}`
        continue
      }
      try {
        Y.applyUpdate(doc, values[i] as Uint8Array)
        good.push(values[i] as Uint8Array)
      } catch (e) {
        firstBad ||= `entry ${i + 1} does not apply: ${e instanceof Error ? e.message : String(e)}`
      }
    }
  })
  const dropped = values.length - good.length
  if (dropped > 0) {
    if (good.length === 0) return fail(`none of its ${values.length} saved entries is a valid update (${firstBad})`)
    const check = new Y.Doc({ gc: false })
    try {
      for (const u of good) Y.applyUpdate(check, u)
      if (!Y.equalSnapshots(Y.snapshot(check), Y.snapshot(doc))) return fail(`saved ${firstBad}, and changed part of the document before it failed`)
    } catch (e) {
      return fail(`saved ${firstBad} (${e instanceof Error ? e.message : String(e)})`)
    } finally {
      check.destroy()
    }
  }
  const shape = schemaProblem(doc)
  return shape === null ? { doc, problem: null, dropped } : fail(shape)
}

/** Why the saved updates of a room cannot be merged into a replica, or null when they can (see `readSavedRoom`). */
export const savedUpdatesProblem = (values: readonly unknown[], schema: unknown): string | null => {
  const r = readSavedRoom(values, schema)
  r.doc?.destroy()
  return r.problem
}
