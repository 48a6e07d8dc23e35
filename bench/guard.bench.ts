// The replica boundary's cost on the 260k-edit trace's document (automerge-paper, typed by one
// writer; gc off as in the live room): memory of the guard's shadow, and per-update cost of
// plain Yjs, the guard judging against the replica (direct path) and the guard trying every
// update on the shadow first (as it did before), side by side in one run, medians of rounds.
import { runInNewContext } from 'node:vm'
import { setFlagsFromString } from 'node:v8'
import * as prng from 'lib0/prng'
import { test } from 'vitest'
import * as Y from 'yjs'
import { ReplicaGuard } from '../src/core/ReplicaGuard'
import { loadTrace } from '../test/sim/helpers'
import { median, record } from './record'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
const heapMb = () => {
  gc()
  gc()
  return process.memoryUsage().heapUsed / 2 ** 20
}

const UPDATES = 2000
const ROUNDS = 7
/** Rounds run first and not counted (the JIT warms up on them). */
const WARMUP = 2

/** The automerge-paper trace typed into one document. */
const paperState = (): Uint8Array => {
  const trace = loadTrace('automerge-paper.json.gz')
  const doc = new Y.Doc({ gc: false })
  doc.clientID = 1
  const text = doc.getText('text')
  for (const txn of trace.txns) {
    for (const [pos, del, ins] of txn.patches) {
      if (del > 0) text.delete(pos, del)
      if (ins !== '') text.insert(pos, ins)
    }
  }
  return Y.encodeStateAsUpdate(doc)
}

const replicaOf = (state: Uint8Array, clientID: number): Y.Doc => {
  const d = new Y.Doc({ gc: false })
  d.clientID = clientID
  Y.applyUpdate(d, state)
  return d
}

/** A second writer's keystrokes at seeded positions (each one update, as broadcast). */
const keystrokes = (state: Uint8Array, seed: number): Uint8Array[] => {
  const w = replicaOf(state, 2)
  const gen = prng.create(seed)
  const out: Uint8Array[] = []
  w.on('update', (u: Uint8Array) => out.push(u))
  const text = w.getText('text')
  for (let i = 0; i < UPDATES; i++) {
    if (i % 5 === 4) text.delete(prng.uint32(gen, 0, text.length - 2), 1)
    else text.insert(prng.uint32(gen, 0, text.length), prng.letter(gen))
  }
  w.destroy()
  return out
}

/**
 * Microseconds per update for each way of applying, interleaved update by update (the machine is
 * shared: a pause then costs every side alike instead of one).
 */
const perUpdateUs = (updates: Uint8Array[], ways: Array<(u: Uint8Array) => void>): number[] => {
  const total = ways.map(() => 0)
  for (const u of updates) {
    ways.forEach((apply, i) => {
      const t0 = performance.now()
      apply(u)
      total[i] += performance.now() - t0
    })
  }
  return total.map((ms) => (ms * 1000) / updates.length)
}

test('guard cost on the 260k-edit document', () => {
  const state = paperState()
  const plain: number[] = []
  const direct: number[] = []
  const shadow: number[] = []
  let directShare = 0
  for (let r = 0; r < ROUNDS; r++) {
    const updates = keystrokes(state, 1000 + r)
    const a = replicaOf(state, 10)
    const b = replicaOf(state, 11)
    const gb = new ReplicaGuard(b)
    const c = replicaOf(state, 12)
    const gs = new ReplicaGuard(c, undefined, false)
    const [tp, td, ts] = perUpdateUs(updates, [(u) => Y.applyUpdate(a, u), (u) => gb.apply(u, 'peer'), (u) => gs.apply(u, 'peer')])
    if (r >= WARMUP) {
      plain.push(tp)
      direct.push(td)
      shadow.push(ts)
    }
    directShare = gb.stats.direct / UPDATES
    const same = a.getText('text').toString() === b.getText('text').toString() && b.getText('text').toString() === c.getText('text').toString()
    if (!same) throw new Error('the three replicas disagree')
    console.log(`round ${r}${r < WARMUP ? ' (warm-up)' : ''}: plain ${tp.toFixed(1)} µs, guard direct ${td.toFixed(1)} µs, guard via shadow ${ts.toFixed(1)} µs per update`)
    for (const d of [a, b, c]) d.destroy()
    gs.destroy()
    gb.destroy()
  }

  // Memory: one replica, then the same replica with its shadow built (the old guard always kept one).
  const m0 = heapMb()
  const doc = replicaOf(state, 20)
  const m1 = heapMb()
  const guard = new ReplicaGuard(doc, undefined, false)
  const late = new Y.Doc()
  late.getText('text').insert(0, 'x')
  guard.check(Y.encodeStateAsUpdate(late))
  const m2 = heapMb()
  console.log(`replica ${(m1 - m0).toFixed(1)} MB, its shadow ${(m2 - m1).toFixed(1)} MB, state ${(state.byteLength / 1024).toFixed(0)} KiB`)
  guard.destroy()
  doc.destroy()

  const p = median(plain)
  const d = median(direct)
  const s = median(shadow)
  record(import.meta.filename, [
    { name: 'guard.paper.plain_apply_us', value: p, unit: 'µs/update', goal: null },
    { name: 'guard.paper.direct_us', value: d, unit: 'µs/update', goal: null },
    { name: 'guard.paper.shadow_us', value: s, unit: 'µs/update', goal: null },
    { name: 'guard.paper.direct_ratio_vs_plain', value: d / p, unit: 'x', goal: null },
    { name: 'guard.paper.shadow_ratio_vs_plain', value: s / p, unit: 'x', goal: null },
    { name: 'guard.paper.direct_vs_shadow', value: d / s, unit: 'x', goal: '< 1' },
    { name: 'guard.paper.direct_share', value: directShare, unit: 'fraction', goal: null },
    { name: 'guard.paper.replica_mb', value: m1 - m0, unit: 'MB', goal: null },
    { name: 'guard.paper.shadow_mb', value: m2 - m1, unit: 'MB', goal: null },
  ])
})
