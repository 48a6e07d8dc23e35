import * as prng from 'lib0/prng'
import { test } from 'vitest'
import * as Y from 'yjs'
import { applyEdit } from '../src/core/sim/edits'
import { Simulation } from '../src/core/sim/Simulation'
import { INTERACTIVE_POLICY } from '../src/core/sim/CheckpointPolicy'
import { Timeline } from '../src/core/sim/Timeline'
import { createTraceReplay } from '../src/core/sim/trace/TraceReplay'
import { cumulativeMix, nextDelay, nextEdit } from '../src/core/sim/Workload'
import { loadTrace } from '../test/sim/helpers'
import { type BenchResult, median, record } from './record'

/**
 * User + system CPU time of this process, in ms. The machine is shared (2 cores, other jobs):
 * wall time swung 3x between identical runs, CPU time stays within ~20%.
 */
const cpuMs = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

const REPLICAS = 8
const EDITS = 10_000
const RATE = 1000
const LATENCY = 10
const RUNS = Number(process.env.RUNS ?? 7)

/**
 * Raw Yjs: the same edits, each update applied at once to the 7 other documents. The random
 * stream is the engine's workload stream for the same seed, drawn in the same order (delay,
 * writer, edit), so both sides make the same choices; only delivery differs.
 */
const rawYjs = (seed: number): number => {
  const docs = Array.from({ length: REPLICAS }, (_, i) => {
    const d = new Y.Doc()
    d.clientID = 100 + i
    return d
  })
  const remote = {}
  for (const d of docs) {
    d.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === remote) return
      for (const o of docs) if (o !== d) Y.applyUpdate(o, u, remote)
    })
  }
  const root = prng.create(seed)
  prng.uint32(root, 0, 0xffffffff)
  const gen = prng.create(prng.uint32(root, 0, 0xffffffff))
  const mix = cumulativeMix(undefined)
  const t0 = cpuMs()
  for (let i = 0; i < EDITS; i++) {
    nextDelay(gen, RATE)
    const d = docs[prng.uint32(gen, 0, REPLICAS - 1)]
    applyEdit(d, nextEdit(gen, d, mix), null)
  }
  const ms = cpuMs() - t0
  for (const d of docs) d.destroy()
  return ms
}

/**
 * The engine: 8 replicas, the seeded workload, FIFO links with latency, run until no event is
 * left, through a Timeline that takes checkpoints as the lab does. No UI: the convergence series
 * is not sampled (sampleEveryMs 0).
 */
const engine = (seed: number): number => {
  const t0 = cpuMs()
  const sim = new Simulation({ seed, replicas: REPLICAS, link: { latencyMs: LATENCY }, sampleEveryMs: 0 })
  const timeline = new Timeline(sim, { clock: () => performance.now() })
  sim.startWorkload({ rate: RATE, limit: EDITS })
  while (timeline.stepForward()) {}
  const ms = cpuMs() - t0
  checkpoints.push(timeline.current.checkpoints.length)
  if (!sim.isConverged()) throw new Error('engine run did not converge')
  sim.destroy()
  return ms
}

const checkpoints: number[] = []

/**
 * Seeking: a 10-minute run with 8 replicas and the lab's defaults (links 80 ± 40 ms, the random
 * workload at 10 edits/s, anti-entropy off), driven in 16 ms frames through a Timeline with the
 * page's checkpoint policy; then seeks to 40 seeded random moments. Wall time per seek (median), and the bytes
 * of encoded documents the checkpoints hold.
 */
const seekBench = (): BenchResult[] => {
  const sim = new Simulation({ seed: 5, replicas: REPLICAS, link: { latencyMs: 80, jitterMs: 40 } })
  // The lab page's checkpoint policy (this measures the page's seeking).
  const timeline = new Timeline(sim, { clock: () => performance.now(), ...INTERACTIVE_POLICY })
  sim.startWorkload({ rate: 10 })
  const t0 = cpuMs()
  for (let t = 0; t <= 600_000; t += 16) timeline.advanceTo(t)
  const buildMs = cpuMs() - t0
  const gen = prng.create(7)
  const times: number[] = []
  for (let i = 0; i < 40; i++) {
    const target = prng.uint32(gen, 0, 600_000)
    const a = performance.now()
    timeline.seek(target)
    times.push(performance.now() - a)
  }
  const cps = timeline.current.checkpoints.length
  console.log(`10-minute run: ${sim.position} events and actions in ${buildMs.toFixed(0)} ms CPU, ${cps} checkpoints; seeks p50 ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`)
  const mb = timeline.checkpointBytes / 2 ** 20
  sim.destroy()
  return [
    { name: 'lab.timeline.seek_ms.p50', value: median(times), unit: 'ms', goal: '<= 100' },
    { name: 'lab.timeline.seek_ms.max', value: Math.max(...times), unit: 'ms', goal: null },
    { name: 'lab.timeline.checkpoint_mb', value: mb, unit: 'MiB', goal: '< 50' },
    { name: 'lab.timeline.checkpoints', value: cps, unit: 'checkpoints', goal: null },
  ]
}

const row = (r: BenchResult) => console.log(`${r.name.padEnd(40)} ${String(Number(r.value.toPrecision(4))).padStart(10)} ${r.unit.padEnd(8)} ${r.goal ?? ''}`)

test('lab engine benchmarks', () => {
  const results: BenchResult[] = []
  rawYjs(1)
  engine(1)
  const raw: number[] = []
  const eng: number[] = []
  const ratio: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const r = rawYjs(10 + i)
    const e = engine(10 + i)
    raw.push(r)
    eng.push(e)
    ratio.push(e / r)
    console.log(`run ${i}: raw ${r.toFixed(0)} ms, engine ${e.toFixed(0)} ms, ratio ${(e / r).toFixed(2)}`)
  }
  console.log(`checkpoints per engine run: ${checkpoints.join(', ')}`)
  results.push({ name: 'lab.engine.ratio_vs_raw_yjs', value: median(ratio), unit: 'x', goal: '<= 1.2' })
  results.push({ name: 'lab.engine.ms', value: median(eng), unit: 'ms CPU', goal: null })
  results.push({ name: 'lab.raw_yjs.ms', value: median(raw), unit: 'ms CPU', goal: null })

  const seq = loadTrace('automerge-paper.json.gz')
  const t0 = cpuMs()
  // Ten trace edits per transaction (and per message); see batch1 below for one per transaction.
  const seqReplay = createTraceReplay(seq, { batch: 10, link: { latencyMs: 10 } })
  while (!seqReplay.step(50_000).done) {}
  const seqMs = cpuMs() - t0
  if (seqReplay.mismatches().length > 0) throw new Error('sequential replay did not reach endContent')
  results.push({ name: 'lab.trace.sequential.edits_per_s', value: (seq.txns.length / seqMs) * 1000, unit: 'edits/CPU s', goal: null })

  // The same trace with one edit per transaction (one message per keystroke), on its first 20,000 edits.
  const prefix = { ...seq, txns: seq.txns.slice(0, 20_000), endContent: '' }
  const t2 = cpuMs()
  const oneByOne = createTraceReplay(prefix, { batch: 1, link: { latencyMs: 10 } })
  while (!oneByOne.step(50_000).done) {}
  const oneMs = cpuMs() - t2
  results.push({ name: 'lab.trace.sequential.batch1_edits_per_s', value: (prefix.txns.length / oneMs) * 1000, unit: 'edits/CPU s', goal: null })

  const conc = loadTrace('friendsforever.json.gz')
  const t1 = cpuMs()
  const concReplay = createTraceReplay(conc, { link: { latencyMs: 30, jitterMs: 20 }, editIntervalMs: 5 })
  while (!concReplay.step(5_000).done) {}
  const concMs = cpuMs() - t1
  if (concReplay.mismatches().length > 0) throw new Error('concurrent replay did not reach endContent')
  results.push({ name: 'lab.trace.concurrent.edits_per_s', value: (conc.txns.length / concMs) * 1000, unit: 'edits/CPU s', goal: null })

  results.push(...seekBench())

  for (const r of results) row(r)
  record(import.meta.filename, results)
}, 600_000)
