import * as Y from 'yjs'
import { schemaProblem } from './schemaShape'
import { checkDecodes } from './validate'

/** Schema version written into a saved room's database (y-indexeddb's `custom` store, key `schema`). */
export const SAVED_SCHEMA = 1

/** The key under which the schema version is kept in a saved room's `custom` store. */
export const SCHEMA_KEY = 'aprime-schema'

/**
 * Why the saved updates of a room cannot be merged into a replica, or null when they can: each
 * must be a Yjs update that decodes, together they must apply to an empty document, and the
 * result must follow the schema (updates waiting for missing ones are kept: a replica may hold
 * pending updates, and saves them). Runs on a scratch
 * document, so a broken copy never touches the replica.
 */
export const savedUpdatesProblem = (values: readonly unknown[], schema: unknown): string | null => {
  if (schema !== undefined && schema !== SAVED_SCHEMA) return `it was saved with another schema (version ${String(schema).slice(0, 20)}, this build reads ${SAVED_SCHEMA})`
  const scratch = new Y.Doc({ gc: false, guid: 'saved-room-check' })
  try {
    for (let i = 0; i < values.length; i++) {
      const check = checkDecodes(values[i])
      if (!check.ok) return `saved entry ${i + 1} of ${values.length} is not a valid update (${check.error.message})`
      try {
        Y.applyUpdate(scratch, values[i] as Uint8Array)
      } catch (e) {
        return `saved entry ${i + 1} of ${values.length} does not apply (${e instanceof Error ? e.message : String(e)})`
      }
    }
    return schemaProblem(scratch)
  } finally {
    scratch.destroy()
  }
}
