import * as Y from 'yjs'

/** Updates above this size are refused: a peer cannot make a replica decode megabytes at once. */
export const MAX_UPDATE_BYTES = 8 * 1024 * 1024

export type RejectReason = 'not-bytes' | 'empty' | 'too-large' | 'malformed'

/** An update refused at a replica's boundary. The document it was meant for is untouched. */
export class UpdateRejectedError extends Error {
  readonly reason: RejectReason
  readonly bytes: number
  constructor(reason: RejectReason, bytes: number, detail: string) {
    super(detail)
    this.name = 'UpdateRejectedError'
    this.reason = reason
    this.bytes = bytes
  }
}

export interface ValidUpdate {
  ok: true
  bytes: number
}

export interface InvalidUpdate {
  ok: false
  error: UpdateRejectedError
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/**
 * Decides whether a Yjs (v1) update may be applied, without touching any replica:
 * a size cap, a full decode, then an application to a fresh, empty scratch document. Yjs can
 * integrate part of a bad update before it throws; the scratch document takes that damage
 * instead. An update that depends on content the scratch lacks just goes pending there, so a
 * valid update is never refused for that. Costs the update's size, not the document's.
 */
/** The checks that need no document: a byte array, not empty, not over `maxBytes`. Null when it passes. */
export const checkShape = (update: unknown, maxBytes = MAX_UPDATE_BYTES): UpdateRejectedError | null => {
  if (!(update instanceof Uint8Array)) return new UpdateRejectedError('not-bytes', 0, 'the update is not a byte array')
  const bytes = update.byteLength
  if (bytes === 0) return new UpdateRejectedError('empty', 0, 'the update is empty')
  if (bytes > maxBytes) {
    return new UpdateRejectedError('too-large', bytes, `the update is ${bytes} bytes, more than the ${maxBytes}-byte limit`)
  }
  return null
}

/**
 * The size cap and a full decode, without the scratch document: about 2 µs for a keystroke's
 * update where `validateUpdate` takes about 30. For bytes that Yjs made in this page (the lab's
 * simulated network never alters a payload); bytes from elsewhere get `validateUpdate`, and a live
 * replica's `ReplicaGuard`.
 */
export const checkDecodes = (update: unknown, maxBytes = MAX_UPDATE_BYTES): ValidUpdate | InvalidUpdate => {
  const shape = checkShape(update, maxBytes)
  if (shape !== null) return { ok: false, error: shape }
  const bytes = (update as Uint8Array).byteLength
  try {
    Y.decodeUpdate(update as Uint8Array)
  } catch (e) {
    return { ok: false, error: new UpdateRejectedError('malformed', bytes, `the update does not decode: ${message(e)}`) }
  }
  return { ok: true, bytes }
}

export const validateUpdate = (update: unknown, maxBytes = MAX_UPDATE_BYTES): ValidUpdate | InvalidUpdate => {
  const shape = checkShape(update, maxBytes)
  if (shape !== null) return { ok: false, error: shape }
  const bytes = (update as Uint8Array).byteLength
  try {
    Y.decodeUpdate(update as Uint8Array)
  } catch (e) {
    return { ok: false, error: new UpdateRejectedError('malformed', bytes, `the update does not decode: ${message(e)}`) }
  }
  // A fixed guid: without one, Yjs draws a random guid per document (~65 µs per update here).
  const scratch = new Y.Doc({ gc: false, guid: 'scratch' })
  try {
    Y.applyUpdate(scratch, update as Uint8Array)
  } catch (e) {
    return { ok: false, error: new UpdateRejectedError('malformed', bytes, `the update does not apply: ${message(e)}`) }
  } finally {
    scratch.destroy()
  }
  return { ok: true, bytes }
}

/**
 * Applies an update only if `validateUpdate` accepts it. Returns the rejection (document
 * untouched) or null. `origin` is passed to Yjs as the transaction origin.
 */
export const applyValidated = (
  doc: Y.Doc,
  update: Uint8Array,
  origin: unknown,
  maxBytes = MAX_UPDATE_BYTES,
): UpdateRejectedError | null => {
  const check = validateUpdate(update, maxBytes)
  if (!check.ok) return check.error
  Y.applyUpdate(doc, update, origin)
  return null
}
