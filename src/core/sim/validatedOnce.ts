import { type InvalidUpdate, type ValidUpdate, validateUpdate } from '../validate'

const verdicts = new WeakMap<Uint8Array, ValidUpdate | InvalidUpdate>()

/**
 * `validateUpdate`, memoized per byte array. Validation is a pure function of the bytes and
 * simulated payloads are never written after they are made, so one broadcast update reaching 11
 * replicas is validated once, not 11 times. Callers must not mutate an array after passing it.
 */
export const validatedOnce = (update: Uint8Array): ValidUpdate | InvalidUpdate => {
  let v = verdicts.get(update)
  if (v === undefined) {
    v = validateUpdate(update)
    verdicts.set(update, v)
  }
  return v
}
