import { MAX_REPLICAS } from '../SimConfig'
import { codePointLength, hasAstral } from './codePoints'
import { TraceFormatError } from './TraceFormatError'

/** [position, deleteCount, insertText], positions and counts in Unicode code points. */
export type TracePatch = readonly [number, number, string]

export interface TraceTxn {
  /** Writer of the transaction (0 for a sequential trace). */
  agent: number
  /** Transactions it causally follows (all earlier in the list); empty for a sequential trace. */
  parents: readonly number[]
  /** Applied in order, each relative to the document after the previous one. */
  patches: readonly TracePatch[]
}

/**
 * An editing trace in the josephg/editing-traces format. Sequential: one writer, each txn applies
 * to the document after the previous one. Concurrent: `numAgents` writers, each txn applies to the
 * document as its agent saw it after its `parents` (and their causal past).
 */
export interface Trace {
  kind: 'sequential' | 'concurrent'
  startContent: string
  endContent: string
  numAgents: number
  txns: TraceTxn[]
  /** Some text has characters outside the BMP, so positions need code-point conversion. */
  astral: boolean
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0

const readPatches = (v: unknown, path: string): TracePatch[] => {
  if (!Array.isArray(v)) throw new TraceFormatError(v === undefined ? 'missing-field' : 'bad-field', `${path}.patches`, 'patches must be an array')
  for (let j = 0; j < v.length; j++) {
    const p = v[j]
    if (!Array.isArray(p) || p.length !== 3 || !isCount(p[0]) || !isCount(p[1]) || typeof p[2] !== 'string') {
      throw new TraceFormatError('bad-field', `${path}.patches[${j}]`, 'a patch must be [position ≥ 0, deleteCount ≥ 0, insertText]')
    }
  }
  return v as TracePatch[]
}

/**
 * Checks and normalises a trace, given as JSON text or as parsed data. Throws TraceFormatError
 * for anything else: not JSON, an unknown `kind`, missing or mistyped fields, parents that are not
 * earlier transactions or that forget the agent's own earlier edits, and (sequential traces, where
 * lengths are known without replaying) positions outside the document. Concurrent traces get
 * their positions checked during replay.
 */
export const parseTrace = (input: string | unknown): Trace => {
  let v: unknown = input
  if (typeof input === 'string') {
    try {
      v = JSON.parse(input)
    } catch (e) {
      throw new TraceFormatError('not-json', '', `not JSON: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  if (!isObj(v)) throw new TraceFormatError('bad-field', '', 'a trace must be a JSON object')
  const kind = v.kind ?? 'sequential'
  if (kind !== 'sequential' && kind !== 'concurrent') {
    throw new TraceFormatError('wrong-kind', 'kind', `unknown kind ${JSON.stringify(kind)} (expected "sequential" or "concurrent")`)
  }
  if (typeof v.endContent !== 'string') throw new TraceFormatError(v.endContent === undefined ? 'missing-field' : 'bad-field', 'endContent', 'endContent must be a string')
  const startContent = v.startContent ?? ''
  if (typeof startContent !== 'string') throw new TraceFormatError('bad-field', 'startContent', 'startContent must be a string')
  if (!Array.isArray(v.txns)) throw new TraceFormatError(v.txns === undefined ? 'missing-field' : 'bad-field', 'txns', 'txns must be an array')
  const raw = v.txns
  let astral = hasAstral(startContent)
  const txns: TraceTxn[] = new Array(raw.length)
  if (kind === 'sequential') {
    let len = codePointLength(startContent)
    for (let i = 0; i < raw.length; i++) {
      const t = raw[i]
      const path = `txns[${i}]`
      if (!isObj(t)) throw new TraceFormatError('bad-field', path, 'a transaction must be an object')
      const patches = readPatches(t.patches, path)
      for (let j = 0; j < patches.length; j++) {
        const [pos, del, ins] = patches[j]
        if (pos + del > len) throw new TraceFormatError('out-of-range', `${path}.patches[${j}]`, `position ${pos} + ${del} deleted is past the end (${len})`)
        const a = hasAstral(ins)
        astral ||= a
        len += (a ? codePointLength(ins) : ins.length) - del
      }
      txns[i] = { agent: 0, parents: [], patches }
    }
    return { kind, startContent, endContent: v.endContent, numAgents: 1, txns, astral }
  }
  if (startContent !== '') throw new TraceFormatError('unsupported', 'startContent', 'concurrent traces must start from an empty document')
  let numAgents = v.numAgents
  if (numAgents === undefined) numAgents = raw.reduce((m: number, t) => (isObj(t) && isCount(t.agent) ? Math.max(m, t.agent + 1) : m), 1)
  if (!(isCount(numAgents) && numAgents >= 1)) throw new TraceFormatError('bad-field', 'numAgents', 'numAgents must be an integer ≥ 1')
  if (numAgents > MAX_REPLICAS) throw new TraceFormatError('unsupported', 'numAgents', `at most ${MAX_REPLICAS} agents (one replica each)`)
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]
    const path = `txns[${i}]`
    if (!isObj(t)) throw new TraceFormatError('bad-field', path, 'a transaction must be an object')
    if (t.agent === undefined) throw new TraceFormatError('missing-field', `${path}.agent`, 'agent is missing')
    if (!(isCount(t.agent) && t.agent < numAgents)) throw new TraceFormatError('bad-field', `${path}.agent`, `agent must be an integer in [0, ${numAgents})`)
    if (!Array.isArray(t.parents)) throw new TraceFormatError(t.parents === undefined ? 'missing-field' : 'bad-field', `${path}.parents`, 'parents must be an array')
    for (const p of t.parents) {
      if (!(isCount(p) && p < i)) throw new TraceFormatError('bad-parents', `${path}.parents`, `parent ${JSON.stringify(p)} is not an earlier transaction`)
    }
    const patches = readPatches(t.patches, path)
    for (const p of patches) astral ||= hasAstral(p[2])
    txns[i] = { agent: t.agent, parents: t.parents as number[], patches }
  }
  return { kind, startContent, endContent: v.endContent, numAgents, txns, astral }
}
