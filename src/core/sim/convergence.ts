import * as Y from 'yjs'
import { stateDigest } from '../digest'
import { pendingOf } from '../pending'
import { counterEntries, listNotes, sharedText } from '../schema'
import { sameStateVector, stateVectorOf } from '../stateVector'
import { counterLwwValue } from './labCounter'

/** What replicas show, as comparable data: text, notes, counter entries, the lab's LWW counter. */
export const visibleContent = (doc: Y.Doc): string =>
  JSON.stringify({
    text: sharedText(doc).toString(),
    notes: listNotes(doc),
    counter: counterEntries(doc),
    counterLww: counterLwwValue(doc),
  })

export interface ConvergenceReport {
  /** All of the below hold. */
  converged: boolean
  sameContent: boolean
  sameStateVectors: boolean
  sameDeleteSets: boolean
  /** Number of distinct snapshot digests (1 when converged). */
  distinctDigests: number
  /** Some replica holds pending structs or a pending delete set. */
  anyPending: boolean
}

/**
 * Compares documents from scratch, the way Yjs's own test helper does: equal visible content,
 * equal state vectors, equal delete sets, equal snapshot digests, nothing pending. Costs a full
 * read of every document: for tests and on-demand checks, not per frame.
 */
export const convergenceReport = (docs: readonly Y.Doc[]): ConvergenceReport => {
  const first = docs[0]
  const content0 = visibleContent(first)
  const sv0 = stateVectorOf(first)
  const ds0 = Y.createDeleteSetFromStructStore(first.store)
  let sameContent = true
  let sameStateVectors = true
  let sameDeleteSets = true
  let anyPending = false
  const digests = new Set<string>()
  for (const d of docs) {
    if (d !== first) {
      sameContent &&= visibleContent(d) === content0
      sameStateVectors &&= sameStateVector(stateVectorOf(d), sv0)
      sameDeleteSets &&= Y.equalDeleteSets(Y.createDeleteSetFromStructStore(d.store), ds0)
    }
    anyPending ||= pendingOf(d).has
    digests.add(stateDigest(d))
  }
  return {
    converged: sameContent && sameStateVectors && sameDeleteSets && digests.size === 1 && !anyPending,
    sameContent,
    sameStateVectors,
    sameDeleteSets,
    distinctDigests: digests.size,
    anyPending,
  }
}
