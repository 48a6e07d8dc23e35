import * as Y from 'yjs'
import { schemaProblem } from './schemaShape'
import { checkShape } from './validate'

/** Schema version written into a saved room's database (y-indexeddb's `custom` store, key `schema`). */
export const SAVED_SCHEMA = 1

/** The key under which the schema version is kept in a saved room's `custom` store. */
export const SCHEMA_KEY = 'aprime-schema'

/**
 * Builds a replica's document from the saved updates of a room, or says why they cannot be used:
 * each must be a Yjs update that decodes, together they must apply to an empty document, and the
 * result must follow the schema (updates waiting for missing ones are kept: a replica may hold
 * pending updates, and saves them). On a problem the half-built document is destroyed, so a
 * broken copy never reaches a replica. The document (`doc`: an empty one to build into) has gc
 * off by default, as the live room's.
 */
export const readSavedRoom = (
  values: readonly unknown[],
  schema: unknown,
  doc: Y.Doc = new Y.Doc({ gc: false }),
): { doc: Y.Doc; problem: null } | { doc: null; problem: string } => {
  if (schema !== undefined && schema !== SAVED_SCHEMA) {
    doc.destroy()
    return { doc: null, problem: `it was saved with another schema (version ${String(schema).slice(0, 20)}, this build reads ${SAVED_SCHEMA})` }
  }
  const fail = (problem: string) => {
    doc.destroy()
    return { doc: null, problem }
  }
  // No separate decode first: the document is new and thrown away on any error, so a throw halfway
  // through applying damages nothing (and a large copy is not decoded twice).
  for (let i = 0; i < values.length; i++) {
    const shape = checkShape(values[i])
    if (shape !== null) return fail(`saved entry ${i + 1} of ${values.length} is not a valid update (${shape.message})`)
  }
  let at = 0
  try {
    Y.transact(doc, () => {
      for (; at < values.length; at++) Y.applyUpdate(doc, values[at] as Uint8Array)
    })
  } catch (e) {
    return fail(`saved entry ${at + 1} of ${values.length} does not apply (${e instanceof Error ? e.message : String(e)})`)
  }
  const shape = schemaProblem(doc)
  return shape === null ? { doc, problem: null } : fail(shape)
}

/** Why the saved updates of a room cannot be merged into a replica, or null when they can (see `readSavedRoom`). */
export const savedUpdatesProblem = (values: readonly unknown[], schema: unknown): string | null => {
  const r = readSavedRoom(values, schema)
  r.doc?.destroy()
  return r.problem
}
