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
  /** Writers whose ops the update carries. */
  writers: number[]
  /** Number of ops (clock ticks) the update inserts. */
  inserts: number
  /** Number of deleted ops it carries. */
  deletes: number
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
export const validateUpdate = (update: unknown, maxBytes = MAX_UPDATE_BYTES): ValidUpdate | InvalidUpdate => {
  if (!(update instanceof Uint8Array)) {
    return { ok: false, error: new UpdateRejectedError('not-bytes', 0, 'the update is not a byte array') }
  }
  const bytes = update.byteLength
  if (bytes === 0) return { ok: false, error: new UpdateRejectedError('empty', 0, 'the update is empty') }
  if (bytes > maxBytes) {
    return {
      ok: false,
      error: new UpdateRejectedError('too-large', bytes, `the update is ${bytes} bytes, more than the ${maxBytes}-byte limit`),
    }
  }
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = Y.decodeUpdate(update)
  } catch (e) {
    return { ok: false, error: new UpdateRejectedError('malformed', bytes, `the update does not decode: ${message(e)}`) }
  }
  const scratch = new Y.Doc({ gc: false })
  try {
    Y.applyUpdate(scratch, update)
  } catch (e) {
    return { ok: false, error: new UpdateRejectedError('malformed', bytes, `the update does not apply: ${message(e)}`) }
  } finally {
    scratch.destroy()
  }
  const writers = new Set<number>()
  let inserts = 0
  for (const s of decoded.structs) {
    writers.add(s.id.client)
    if (s instanceof Y.Item) inserts += s.length
  }
  let deletes = 0
  for (const [, items] of decoded.ds.clients) for (const d of items) deletes += d.len
  return { ok: true, writers: [...writers].sort((a, b) => a - b), inserts, deletes }
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
