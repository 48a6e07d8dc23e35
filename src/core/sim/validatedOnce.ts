import { checkDecodes, checkShape, type InvalidUpdate, type ValidUpdate } from '../validate'

const verdicts = new WeakMap<Uint8Array, ValidUpdate | InvalidUpdate>()

/**
 * `checkDecodes` (size cap + full decode), memoized per byte array. The simulated network
 * carries bytes that Yjs made in this page and never alters them, so the scratch-document apply
 * of `validateUpdate` (about 15 times the cost of a decode, 5 times that of integrating the
 * update) is not spent on each delivery; bytes that come from a file get `validateUpdate`.
 * Validation is a pure function of the bytes and payloads are never written after they are
 * made, so one broadcast update reaching 11 replicas is checked once. Callers must not mutate an
 * array after passing it.
 */
export const validatedOnce = (update: Uint8Array): ValidUpdate | InvalidUpdate => {
  let v = verdicts.get(update)
  if (v === undefined) {
    v = checkDecodes(update)
    verdicts.set(update, v)
  }
  return v
}

/**
 * Marks bytes that Yjs's own encoder just produced from a replica's local transaction (its
 * 'update' event): they decode by construction, so only their size is checked, not their
 * structure. Bytes from anywhere else (run files, tests injecting faults) still get decoded.
 */
export const markEncodedHere = (update: Uint8Array): void => {
  const shape = checkShape(update)
  verdicts.set(update, shape === null ? { ok: true, bytes: update.byteLength } : { ok: false, error: shape })
}
