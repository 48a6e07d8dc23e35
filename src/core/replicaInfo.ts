import type { StateVector } from './stateVector'

/**
 * What a replica publishes about itself (through awareness in a live room) so that any other
 * replica can compare itself with it without a server. Plain JSON.
 */
export interface ReplicaInfo {
  clientID: number
  /** Code fingerprint: the build this replica runs. */
  code: string
  /** State digest: SHA-256 of its Yjs snapshot, hex. */
  digest: string
  sv: StateVector
  /** True when it holds updates it cannot integrate yet. */
  pending: boolean
  /** For pending updates: writer → clock it waits from. */
  waitingOn: StateVector
}

/** Checks a value received from elsewhere (a peer's awareness) before it is trusted. */
export const isReplicaInfo = (v: unknown): v is ReplicaInfo => {
  if (typeof v !== 'object' || v === null) return false
  const r = v as Record<string, unknown>
  const isSv = (x: unknown) =>
    typeof x === 'object' && x !== null && Object.values(x).every((n) => typeof n === 'number' && Number.isFinite(n))
  return (
    typeof r.clientID === 'number' &&
    typeof r.code === 'string' &&
    typeof r.digest === 'string' &&
    typeof r.pending === 'boolean' &&
    isSv(r.sv) &&
    isSv(r.waitingOn)
  )
}
