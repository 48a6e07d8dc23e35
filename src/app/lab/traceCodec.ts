import type { Trace, TraceTxn } from '../../core/sim'

/**
 * A parsed trace in flat typed arrays plus one string of inserted text, so a Web Worker can hand
 * it to the page cheaply (the arrays are transferred, not copied; structured-cloning 260k small
 * objects would cost the page ~0.5 s). The page rebuilds the engine's `Trace` a chunk at a time.
 */
export interface CompactTrace {
  kind: Trace['kind']
  startContent: string
  endContent: string
  numAgents: number
  astral: boolean
  /** Transactions. */
  n: number
  agent: Uint16Array
  /** Txn i's parents are parents[parentStart[i] .. parentStart[i + 1]). */
  parentStart: Uint32Array
  parents: Uint32Array
  /** Txn i's patches are patch indexes patchStart[i] .. patchStart[i + 1]. */
  patchStart: Uint32Array
  pos: Uint32Array
  del: Uint32Array
  /** Patch j inserts ins.slice(insEnd[j − 1] (0 for j = 0), insEnd[j]). */
  insEnd: Uint32Array
  ins: string
}

export const encodeTrace = (t: Trace): CompactTrace => {
  const n = t.txns.length
  let np = 0
  let npar = 0
  for (const x of t.txns) {
    np += x.patches.length
    npar += x.parents.length
  }
  const c: CompactTrace = {
    kind: t.kind,
    startContent: t.startContent,
    endContent: t.endContent,
    numAgents: t.numAgents,
    astral: t.astral,
    n,
    agent: new Uint16Array(n),
    parentStart: new Uint32Array(n + 1),
    parents: new Uint32Array(npar),
    patchStart: new Uint32Array(n + 1),
    pos: new Uint32Array(np),
    del: new Uint32Array(np),
    insEnd: new Uint32Array(np),
    ins: '',
  }
  const parts: string[] = []
  let k = 0
  let q = 0
  let off = 0
  for (let i = 0; i < n; i++) {
    const x = t.txns[i]
    c.agent[i] = x.agent
    c.parentStart[i] = q
    for (const p of x.parents) c.parents[q++] = p
    c.patchStart[i] = k
    for (const [pos, del, ins] of x.patches) {
      c.pos[k] = pos
      c.del[k] = del
      off += ins.length
      c.insEnd[k] = off
      parts.push(ins)
      k++
    }
  }
  c.parentStart[n] = q
  c.patchStart[n] = k
  c.ins = parts.join('')
  return c
}

/** The buffers to transfer with postMessage. */
export const transferList = (c: CompactTrace): ArrayBuffer[] =>
  [c.agent, c.parentStart, c.parents, c.patchStart, c.pos, c.del, c.insEnd].map((a) => a.buffer as ArrayBuffer)

/** Rebuilds the engine's Trace from a CompactTrace, `build(max)` transactions at a time. */
export class TraceBuilder {
  private readonly txns: TraceTxn[]
  private next = 0

  constructor(readonly compact: CompactTrace) {
    this.txns = new Array(compact.n)
  }

  get built(): number {
    return this.next
  }

  get done(): boolean {
    return this.next >= this.compact.n
  }

  /** Rebuilds up to `max` more transactions. */
  build(max: number): void {
    const c = this.compact
    const end = Math.min(c.n, this.next + Math.max(1, max))
    for (let i = this.next; i < end; i++) {
      const patches: Array<readonly [number, number, string]> = []
      for (let j = c.patchStart[i]; j < c.patchStart[i + 1]; j++) {
        patches.push([c.pos[j], c.del[j], c.ins.slice(j === 0 ? 0 : c.insEnd[j - 1], c.insEnd[j])])
      }
      const parents: number[] = []
      for (let j = c.parentStart[i]; j < c.parentStart[i + 1]; j++) parents.push(c.parents[j])
      this.txns[i] = { agent: c.agent[i], parents, patches }
    }
    this.next = end
  }

  /** The trace; only once `done`. */
  trace(): Trace {
    if (!this.done) throw new Error('the trace is not rebuilt yet')
    const c = this.compact
    return { kind: c.kind, startContent: c.startContent, endContent: c.endContent, numAgents: c.numAgents, astral: c.astral, txns: this.txns }
  }
}
