import { compareReplicas } from '../../core/compare'
import type { PendingInfo } from '../../core/pending'
import { shortDigest } from '../../core/digest'
import type { StateVector } from '../../core/stateVector'

/** What the matrices need of one replica, computed once per state refresh. */
export interface ReplicaFacts {
  id: number
  name: string
  clientId: number
  digest: string
  sv: StateVector
  pending: PendingInfo
}

/** A row of the state-vector table (the shape StateVectorTable takes). */
export interface SvRowData {
  clientID: number
  label: string
  sv: StateVector
}

export interface EqualityCell {
  equal: boolean
  /** compareReplicas' words (what differs), or why they are equal. */
  words: string
}

/** The pairwise A = A′ matrix: `cells[i][j]` compares replica `ids[i]` with `ids[j]`. */
export interface EqualityMatrix {
  ids: readonly number[]
  cells: readonly (readonly EqualityCell[])[]
  /** Distinct states (digests) among the replicas. */
  distinct: number
  /** One state and nothing pending. */
  allEqual: boolean
}

export const EMPTY_MATRIX: EqualityMatrix = { ids: [], cells: [], distinct: 0, allEqual: true }

/** All replicas run the same code in the lab: the verdict is about state alone. */
const LAB_CODE = 'lab'

const info = (f: ReplicaFacts) => ({
  clientID: f.clientId,
  code: LAB_CODE,
  digest: f.digest,
  sv: f.sv,
  pending: f.pending.has,
  waitingOn: f.pending.waitingOn,
})

/** Compares every pair of replicas with compareReplicas (n² small comparisons of state vectors). */
export const equalityMatrix = (facts: readonly ReplicaFacts[]): EqualityMatrix => {
  const infos = facts.map(info)
  const cells = facts.map((a, i) =>
    facts.map((b, j): EqualityCell => {
      if (i === j) {
        return a.pending.has
          ? { equal: false, words: `${a.name} holds pending updates it cannot apply yet` }
          : { equal: true, words: `${a.name} itself (state ${shortDigest(a.digest)})` }
      }
      const v = compareReplicas(infos[i], infos[j], { self: a.name, other: b.name })
      return v.equal
        ? { equal: true, words: `${a.name} = ${b.name}: the same state (${shortDigest(a.digest)})` }
        : { equal: false, words: `${a.name} ≠ ${b.name}: ${v.differences.join('; ')}` }
    }),
  )
  const distinct = new Set(facts.map((f) => f.digest)).size
  return { ids: facts.map((f) => f.id), cells, distinct, allEqual: distinct <= 1 && facts.every((f) => !f.pending.has) }
}
