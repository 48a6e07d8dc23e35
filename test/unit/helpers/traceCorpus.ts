import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import * as Y from 'yjs'

/** One txn of josephg/editing-traces' concurrent format: patches are [pos, deleteCount, insertText]. */
interface TraceTxn {
  parents: number[]
  agent: number
  patches: Array<[number, number, string]>
}

interface Trace {
  endContent: string
  numAgents: number
  txns: TraceTxn[]
}

const FIXTURE = new URL('../../fixtures/friendsforever.json.gz', import.meta.url)

let cached: Trace | null = null
/** The friendsforever trace (2 writers typing at once), read once per test file. */
export const loadFriendsForever = (): Trace => {
  cached ??= JSON.parse(gunzipSync(readFileSync(FIXTURE)).toString('utf8')) as Trace
  return cached
}

/** Writer clientIDs used for the trace's agents (fixed, so corpora are byte-for-byte reproducible). */
export const AGENT_CLIENT_IDS = [1001, 2002, 3003, 4004]

export interface ReplayedTrace {
  /** Update produced by txn i (its own ops only), in txn order. */
  txnUpdates: Uint8Array[]
  /** A document holding the first `count` txns, merged. */
  merged: Y.Doc
}

/**
 * Replays the first `count` txns the way the agents typed them: agent a's replica receives exactly
 * the causal history of each txn (its parents, transitively) before applying the txn's patches.
 * Returns each txn's own update, so any prefix can be rebuilt by merging updates 0..k-1.
 */
export const replayTrace = (count: number): ReplayedTrace => {
  const trace = loadFriendsForever()
  const n = Math.min(count, trace.txns.length)
  const agents = Array.from({ length: trace.numAgents }, (_, a) => {
    const doc = new Y.Doc({ gc: true })
    doc.clientID = AGENT_CLIENT_IDS[a]
    return { doc, applied: new Set<number>() }
  })
  const txnUpdates: Uint8Array[] = []
  for (let i = 0; i < n; i++) {
    const txn = trace.txns[i]
    const agent = agents[txn.agent]
    // Causal history not yet on this agent's replica, applied in index order (parents < child).
    const need: number[] = []
    const stack = [...txn.parents]
    const seen = new Set<number>()
    while (stack.length > 0) {
      const p = stack.pop()!
      if (seen.has(p) || agent.applied.has(p)) continue
      seen.add(p)
      need.push(p)
      stack.push(...trace.txns[p].parents)
    }
    need.sort((a, b) => a - b)
    for (const p of need) {
      Y.applyUpdate(agent.doc, txnUpdates[p])
      agent.applied.add(p)
    }
    const text = agent.doc.getText('text')
    let own: Uint8Array | null = null
    const capture = (u: Uint8Array) => {
      own = u
    }
    agent.doc.on('update', capture)
    agent.doc.transact(() => {
      for (const [pos, del, ins] of txn.patches) {
        // Positions are in code points; the first few hundred txns are plain ASCII, so they match.
        if (del > 0) text.delete(pos, del)
        if (ins !== '') text.insert(pos, ins)
      }
    })
    agent.doc.off('update', capture)
    if (own === null) throw new Error(`txn ${i} changed nothing`)
    txnUpdates.push(own)
    agent.applied.add(i)
  }
  const merged = new Y.Doc()
  merged.clientID = 9
  Y.applyUpdate(merged, Y.mergeUpdates(txnUpdates))
  for (const a of agents) a.doc.destroy()
  return { txnUpdates, merged }
}
