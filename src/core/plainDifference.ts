import type { ReplicaInfo } from './replicaInfo'
import { missingFrom } from './stateVector'

/** Someone (a replica, or a group: "group 2") as a sentence names it, with what it published. */
export interface Side {
  name: string
  info: Pick<ReplicaInfo, 'code' | 'digest' | 'sv' | 'pending'>
}

const possessive = (name: string): string => (name.endsWith('s') ? `${name}'` : `${name}'s`)

/**
 * What differs between two sides in words a class reads from the back of the room ("group 2 has
 * not seen 10 of Ana's edits"), most important first; empty when they hold the same state. The
 * jargon (updates, state vectors, pending structs) stays in the inspector (compareReplicas).
 * `nameOf` names a writer by client id.
 */
export const plainDifference = (a: Side, b: Side, nameOf: (clientID: number) => string): string[] => {
  const out: string[] = []
  if (a.info.code !== b.info.code) out.push(`${b.name} runs another version of the app than ${a.name}`)
  if (a.info.digest !== b.info.digest) {
    const bLacks = missingFrom(a.info.sv, b.info.sv)
    const aLacks = missingFrom(b.info.sv, a.info.sv)
    const say = (who: string, lacks: Record<string, number>) => {
      for (const [client, n] of Object.entries(lacks)) out.push(`${who} has not seen ${n} of ${possessive(nameOf(Number(client)))} edits`)
    }
    say(b.name, bLacks)
    say(a.name, aLacks)
    if (Object.keys(bLacks).length === 0 && Object.keys(aLacks).length === 0)
      out.push(`${a.name} and ${b.name} have the same edits, but a deletion has not reached both yet`)
  }
  for (const s of [a, b]) if (s.info.pending) out.push(`${s.name} is waiting for earlier edits before it can show some`)
  return out
}
