import * as Y from 'yjs'

/** A state vector as plain data: writer clientID (as a string) → number of ops seen from it. */
export type StateVector = Record<string, number>

export const stateVectorOf = (doc: Y.Doc): StateVector => {
  const out: StateVector = {}
  for (const client of doc.store.clients.keys()) out[String(client)] = Y.getState(doc.store, client)
  return out
}

/** Ops `b` lacks that `a` has, per writer (only writers with a positive gap). */
export const missingFrom = (a: StateVector, b: StateVector): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const [client, clock] of Object.entries(a)) {
    const gap = clock - (b[client] ?? 0)
    if (gap > 0) out[client] = gap
  }
  return out
}

export const sameStateVector = (a: StateVector, b: StateVector): boolean => {
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  return ka.every((k) => a[k] === b[k])
}

/** Total ops in a state vector. */
export const opCount = (sv: StateVector): number => Object.values(sv).reduce((s, v) => s + v, 0)
