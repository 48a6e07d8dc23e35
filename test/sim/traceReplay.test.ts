import { describe, expect, test } from 'vitest'
import { sharedText } from '../../src/core/schema'
import { createTraceReplay } from '../../src/core/sim/trace/TraceReplay'
import { loadTrace, report } from './helpers'

describe('trace replay', () => {
  test('friendsforever: each agent on its own replica over the network, every replica ends in endContent', () => {
    const trace = loadTrace('friendsforever.json.gz')
    expect(trace.kind).toBe('concurrent')
    expect(trace.numAgents).toBe(2)
    // A third replica only observes; 3% loss exercises the re-sends.
    const replay = createTraceReplay(trace, { replicas: 3, link: { latencyMs: 30, jitterMs: 20, loss: 0.03 }, editIntervalMs: 5 })
    const t0 = performance.now()
    let calls = 0
    let p = replay.progress
    while (!p.done) {
      p = replay.step(2000)
      calls++
      expect(p.stalled).toBe(false)
      expect(p.applied).toBeLessThanOrEqual(calls * 2000)
    }
    console.log(`friendsforever: ${trace.txns.length} txns in ${(performance.now() - t0).toFixed(0)} ms, ${calls} steps, ${replay.sim.log.length} messages`)
    expect(p.applied).toBe(trace.txns.length)
    expect(replay.mismatches()).toEqual([])
    for (const r of replay.sim.replicas) expect(sharedText(r.doc).toString()).toBe(trace.endContent)
    expect(report(replay.sim).converged).toBe(true)
    expect(replay.sim.log.messages.some((m) => m.dropReason === 'loss')).toBe(true)
    expect(replay.sim.log.messages.some((m) => m.resendOf !== null)).toBe(true)
  })

  test.each([2, 3, 7])('friendsforever ends in endContent whatever the seed (seed %i): writers get ascending clientIDs', (seed) => {
    const trace = loadTrace('friendsforever.json.gz')
    const replay = createTraceReplay(trace, { seed, link: { latencyMs: 20 } })
    for (let p = replay.progress; !p.done; p = replay.step(5000)) expect(p.stalled).toBe(false)
    for (const r of replay.sim.replicas) expect(sharedText(r.doc).toString()).toBe(trace.endContent)
  })

  test('automerge-paper typed by one replica ends in endContent on every replica', () => {
    const trace = loadTrace('automerge-paper.json.gz')
    expect(trace.kind).toBe('sequential')
    const replay = createTraceReplay(trace, { batch: 100, link: { latencyMs: 10 } })
    const t0 = performance.now()
    let p = replay.progress
    while (!p.done) {
      const before = p.applied
      p = replay.step(10_000)
      expect(p.applied - before).toBeLessThanOrEqual(10_000)
      expect(p.stalled).toBe(false)
    }
    console.log(`automerge-paper: ${trace.txns.length} edits in ${(performance.now() - t0).toFixed(0)} ms`)
    expect(replay.mismatches()).toEqual([])
    expect(sharedText(replay.sim.replicas[0].doc).toString()).toBe(trace.endContent)
  }, 60_000)
})
