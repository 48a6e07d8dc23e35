import { checkDecodes, type InvalidUpdate, type ValidUpdate } from '../validate'

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
