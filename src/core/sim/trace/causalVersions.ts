import type { Trace } from './parseTrace'
import { TraceFormatError } from './TraceFormatError'

/**
 * The causal past of every transaction of a concurrent trace, as a version vector. Each agent's
 * own transactions form a chain (checked), so "what txn t has seen" is, per agent b, a prefix of
 * b's transactions: `seen(t, b)` of them. Replaying t on its agent's replica is correct exactly
 * when that replica has integrated, for every agent, that prefix and nothing more.
 */
export interface CausalVersions {
  numAgents: number
  /** Transaction indexes of each agent, in order. */
  byAgent: number[][]
  /** Position of each transaction in its agent's chain. */
  seq: Int32Array
  /** seen(t, b) = vectors[t × numAgents + b]: how many of b's transactions t's parents had seen. */
  vectors: Int32Array
}

export const causalVersions = (trace: Trace): CausalVersions => {
  const A = trace.numAgents
  const T = trace.txns.length
  const vectors = new Int32Array(T * A)
  const seq = new Int32Array(T)
  const byAgent: number[][] = Array.from({ length: A }, () => [])
  for (let i = 0; i < T; i++) {
    const t = trace.txns[i]
    const row = i * A
    for (const p of t.parents) {
      const prow = p * A
      for (let b = 0; b < A; b++) if (vectors[prow + b] > vectors[row + b]) vectors[row + b] = vectors[prow + b]
      const pa = trace.txns[p].agent
      if (seq[p] + 1 > vectors[row + pa]) vectors[row + pa] = seq[p] + 1
    }
    const own = byAgent[t.agent]
    if (vectors[row + t.agent] !== own.length) {
      throw new TraceFormatError(
        'bad-parents',
        `txns[${i}].parents`,
        `agent ${t.agent} has made ${own.length} earlier transactions but this one has seen ${vectors[row + t.agent]} of them`,
      )
    }
    seq[i] = own.length
    own.push(i)
  }
  return { numAgents: A, byAgent, seq, vectors }
}
