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
  /** This replica's role in sentences (default "A"). */
  self: string
  /** The other one's role (default "A′"). */
  other: string
  /** Their names ("Ana", "Blue 37"): sentences then say "Ana (A)"; without them, the role alone. */
  selfName?: string
  otherName?: string
  /** Names of third replicas (writers); without it, "replica 1234". */
  nameOf?: (clientID: number) => string
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/** "Ana (A)"; the name alone when the role is '' (the wall names students without roles). */
const who = (role: string, name: string | undefined): string =>
  name === undefined ? role : role === '' ? name : `${name} (${role})`

const writerName = (client: string, a: ReplicaInfo, b: ReplicaInfo, names: Names): string => {
  const named = names.selfName !== undefined || names.otherName !== undefined
  if (Number(client) === a.clientID) return named ? who(names.self, names.selfName) : `replica ${client} (${names.self})`
  if (Number(client) === b.clientID) return named ? who(names.other, names.otherName) : `replica ${client} (${names.other})`
  return names.nameOf?.(Number(client)) ?? `replica ${client}`
}

/**
 * Compares two replicas from what they publish. States are equal when their snapshot digests
 * match and neither holds pending updates. Counts are clock ticks (one per inserted character,
 * map entry or array element), called "updates" in the words shown.
 */
export const compareReplicas = (a: ReplicaInfo, b: ReplicaInfo, names: Names = { self: 'A', other: 'A′' }): Verdict => {
  const differences: string[] = []
  const selfWho = who(names.self, names.selfName)
  const otherWho = who(names.other, names.otherName)
  const third = (c: string) => names.nameOf?.(Number(c)) ?? `replica ${c}`
  const codeEqual = a.code === b.code
  const digestEqual = a.digest === b.digest
  const stateEqual = digestEqual && !a.pending && !b.pending
  if (!codeEqual) differences.push(`code differs: build ${a.code} vs ${b.code}`)
  if (!digestEqual) {
    const bLacks = missingFrom(a.sv, b.sv)
    const aLacks = missingFrom(b.sv, a.sv)
    for (const [client, n] of Object.entries(bLacks)) {
      differences.push(`${otherWho} lacks ${plural(n, 'update')} from ${writerName(client, a, b, names)}`)
    }
    for (const [client, n] of Object.entries(aLacks)) {
      differences.push(`${selfWho} lacks ${plural(n, 'update')} from ${writerName(client, a, b, names)}`)
    }
    if (Object.keys(bLacks).length === 0 && Object.keys(aLacks).length === 0) {
      differences.push('same inserts on both sides, but the deletions differ (a delete has not arrived everywhere)')
    }
  }
  for (const [who, r] of [
    [selfWho, a],
    [otherWho, b],
  ] as const) {
    if (r.pending) {
      const waits = Object.keys(r.waitingOn)
      differences.push(
        waits.length > 0
          ? `${who} holds pending updates, waiting for earlier ones from ${waits.map(third).join(', ')}`
          : `${who} holds pending updates it cannot apply yet`,
      )
    }
  }
  return { equal: codeEqual && stateEqual, codeEqual, stateEqual, differences }
}
