import type * as Y from 'yjs'
import { parkingOf } from './PendingParking'
import type { StateVector } from './stateVector'

/** What a replica holds but cannot integrate yet, because it depends on ops it has not received. */
export interface PendingInfo {
  /** True when pending structs or a pending delete set are held. */
  has: boolean
  /** Writers whose ops wait, with the clock they wait from (what is missing starts there). */
  waitingOn: StateVector
  /** Bytes of the held update(s). */
  bytes: number
}

export const NO_PENDING: PendingInfo = { has: false, waitingOn: {}, bytes: 0 }

/** Pending structs and deletions, in the document or parked beside it (`PendingParking`). */
export const pendingOf = (doc: Y.Doc): PendingInfo => {
  const { pendingStructs, pendingDs } = doc.store
  const parked = parkingOf(doc)
  const parkedBytes = parked?.bytes ?? 0
  if (pendingStructs === null && pendingDs === null && parkedBytes === 0) return NO_PENDING
  const waitingOn: StateVector = parkedBytes > 0 && parked !== undefined ? parked.waitingOn() : {}
  let bytes = parkedBytes
  if (pendingStructs !== null) {
    for (const [client, clock] of pendingStructs.missing) waitingOn[String(client)] = clock
    bytes += pendingStructs.update.byteLength
  }
  if (pendingDs !== null) bytes += pendingDs.byteLength
  return { has: true, waitingOn, bytes }
}
