import type { ReplicaInfo } from './replicaInfo'
import { missingFrom } from './stateVector'

/** The pairwise verdict between this replica (A) and another (A′): equal only when code AND state are. */
export interface Verdict {
  equal: boolean
  codeEqual: boolean
  stateEqual: boolean
  /** What differs, in words, most important first; empty when equal. */
  differences: string[]
}

export interface Names {
  /** How to call this replica in sentences (default "A"). */
  self: string
  /** How to call the other one (default "A′"). */
  other: string
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

const writerName = (client: string, a: ReplicaInfo, b: ReplicaInfo, names: Names): string => {
  if (Number(client) === a.clientID) return `replica ${client} (${names.self})`
  if (Number(client) === b.clientID) return `replica ${client} (${names.other})`
  return `replica ${client}`
}

/**
 * Compares two replicas from what they publish. States are equal when their snapshot digests
 * match and neither holds pending updates. Counts are clock ticks (one per inserted character,
 * map entry or array element), called "updates" in the words shown.
 */
export const compareReplicas = (a: ReplicaInfo, b: ReplicaInfo, names: Names = { self: 'A', other: 'A′' }): Verdict => {
  const differences: string[] = []
  const codeEqual = a.code === b.code
  const digestEqual = a.digest === b.digest
  const stateEqual = digestEqual && !a.pending && !b.pending
  if (!codeEqual) differences.push(`code differs: build ${a.code} vs ${b.code}`)
  if (!digestEqual) {
    const bLacks = missingFrom(a.sv, b.sv)
    const aLacks = missingFrom(b.sv, a.sv)
    for (const [client, n] of Object.entries(bLacks)) {
      differences.push(`${names.other} lacks ${plural(n, 'update')} from ${writerName(client, a, b, names)}`)
    }
    for (const [client, n] of Object.entries(aLacks)) {
      differences.push(`${names.self} lacks ${plural(n, 'update')} from ${writerName(client, a, b, names)}`)
    }
    if (Object.keys(bLacks).length === 0 && Object.keys(aLacks).length === 0) {
      differences.push('same inserts on both sides, but the deletions differ (a delete has not arrived everywhere)')
    }
  }
  for (const [who, r] of [
    [names.self, a],
    [names.other, b],
  ] as const) {
    if (r.pending) {
      const waits = Object.keys(r.waitingOn)
      differences.push(
        waits.length > 0
          ? `${who} holds pending updates, waiting for earlier ones from ${waits.map((c) => `replica ${c}`).join(', ')}`
          : `${who} holds pending updates it cannot apply yet`,
      )
    }
  }
  return { equal: codeEqual && stateEqual, codeEqual, stateEqual, differences }
}
