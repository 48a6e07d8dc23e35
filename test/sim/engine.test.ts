import { describe, expect, test } from 'vitest'
import { colorIndexOf } from '../../src/core/colors'
import { stateDigest } from '../../src/core/digest'
import { counterValue, listNotes, sharedText } from '../../src/core/schema'
import { partnerIndex } from '../../src/core/sim/AntiEntropy'
import { Player } from '../../src/core/sim/Player'
import { replicaName } from '../../src/core/sim/replicaName'
import { Simulation } from '../../src/core/sim/Simulation'

describe('engine', () => {
  test('the convergence series matches digests computed from scratch at each sample', () => {
    const sim = new Simulation({ seed: 3, replicas: 5, link: { latencyMs: 40, jitterMs: 40, loss: 0.05 }, antiEntropy: { on: true, intervalMs: 250 }, sampleEveryMs: 50 })
    sim.startWorkload({ rate: 100, limit: 300 })
    let checked = 0
    for (let t = 0; t < 8000; t += 37) {
      sim.advanceTo(t)
      const s = sim.series
      if (s.length > 0 && s.t[s.length - 1] === sim.now) {
        const scratch = new Set(sim.replicas.map((r) => stateDigest(r.doc))).size
        expect(s.distinct[s.length - 1]).toBe(scratch)
        expect(s.inFlight[s.length - 1]).toBe(sim.log.messages.filter((m) => !m.settled).length)
        checked++
      }
      for (const r of sim.replicas) expect(r.digest()).toBe(stateDigest(r.doc))
    }
    expect(checked).toBeGreaterThan(20)
    // Samples are at least sampleEveryMs apart and in time order.
    for (let i = 1; i < sim.series.length; i++) expect(sim.series.t[i] - sim.series.t[i - 1]).toBeGreaterThanOrEqual(50)
    expect(sim.series.distinct.at(-1)).toBe(1)
    expect(sim.series.distinct.some((d) => d > 1)).toBe(true)
  })

  test('anti-entropy pairs every replica with every other within n−1 rounds', () => {
    for (const n of [2, 3, 7, 12]) {
      const pairs = new Set<string>()
      for (let round = 0; round < n - 1; round++) for (let i = 0; i < n; i++) pairs.add(`${i}>${partnerIndex(i, n, round)}`)
      expect(pairs.size).toBe(n * (n - 1))
    }
  })

  test('the workload honours its rate, limit, mix and writers', () => {
    const sim = new Simulation({ seed: 4, replicas: 4, link: { latencyMs: 5 } })
    sim.startWorkload({ rate: 100, limit: 500, mix: { counterInc: 1 }, writers: [1, 2] })
    sim.advanceTo(4000)
    expect(sim.workload?.done).toBeGreaterThan(330) // about 100/s
    expect(sim.workload?.done).toBeLessThan(470)
    sim.advanceTo(10_000)
    expect(sim.workload).toBeNull() // finished
    for (const r of sim.replicas) expect(counterValue(r.doc)).toBe(500)
    const writers = new Set(sim.log.messages.filter((m) => m.kind === 'update').map((m) => m.from))
    expect([...writers].sort()).toEqual([1, 2])
    expect(sim.isConverged()).toBe(true)
  })

  test('the default mix edits text, notes and the counter, and stops when asked', () => {
    const sim = new Simulation({ seed: 5, replicas: 3, link: { latencyMs: 20 } })
    sim.startWorkload({ rate: 200 })
    sim.advanceTo(3000)
    sim.stopWorkload()
    const sent = sim.log.length
    sim.advanceTo(6000)
    expect(sim.log.length).toBe(sent)
    const summaries = new Set(sim.log.messages.map((m) => m.summary.split(' ')[0]))
    for (const s of ['notes.add', 'note.move', 'note.color', 'counter']) expect(summaries).toContain(s)
    const doc = sim.replicas[0].doc
    expect(sharedText(doc).length).toBeGreaterThan(0)
    expect(listNotes(doc).length).toBeGreaterThan(0)
    expect(sim.isConverged()).toBe(true)
  })

  test('subscribe and version: one notification per public call, none after unsubscribe', () => {
    const sim = new Simulation({ seed: 6, replicas: 2, link: { latencyMs: 10 } })
    let calls = 0
    const off = sim.subscribe(() => calls++)
    const v0 = sim.version
    sim.startWorkload({ rate: 1000, limit: 100 })
    expect(calls).toBe(1)
    sim.advanceTo(1000)
    expect(calls).toBe(2)
    expect(sim.version).toBeGreaterThan(v0)
    const replicasBefore = sim.replicas
    sim.advanceTo(2000)
    expect(sim.replicas).toBe(replicasBefore) // stable identity until membership changes
    sim.addReplica()
    expect(sim.replicas).not.toBe(replicasBefore)
    off()
    sim.advanceTo(3000)
    expect(calls).toBe(4)
    sim.destroy()
    expect(sim.replicas).toEqual([])
  })

  test('the player advances virtual time by wall time × speed, within an event budget', () => {
    const sim = new Simulation({ seed: 7, replicas: 3, link: { latencyMs: 10 } })
    sim.startWorkload({ rate: 1000 })
    const p = new Player(sim)
    expect(p.frame(16)).toBe(0) // paused
    p.playing = true
    p.speed = 4
    p.frame(16)
    expect(sim.now).toBe(64)
    p.maxEventsPerFrame = 5
    expect(p.frame(1000)).toBe(5)
    expect(sim.now).toBeLessThan(64 + 4000)
    expect(p.stepOnce()).toBe(true)
    expect(p.playing).toBe(false)
  })

  test('config and actions are checked', () => {
    expect(() => new Simulation({ replicas: 1 })).toThrow(RangeError)
    expect(() => new Simulation({ replicas: 33 })).toThrow(RangeError)
    expect(() => new Simulation({ link: { latencyMs: -1 } })).toThrow(RangeError)
    expect(() => new Simulation({ clientIds: [5, 5] })).toThrow(RangeError)
    const sim = new Simulation({ replicas: 2 })
    expect(() => sim.edit(9, { type: 'counter', delta: 1 })).toThrow(RangeError)
    expect(() => sim.act({ type: 'edit', replica: 0, edit: { type: 'insertText' } as never })).toThrow(RangeError)
    expect(() => sim.startWorkload({ rate: 0 })).toThrow(RangeError)
    expect(() => sim.partition([[0], [0, 1]])).toThrow(RangeError)
    expect(sim.actions).toEqual([]) // failed actions are not recorded
    for (let i = 0; i < 10; i++) sim.addReplica()
    expect(sim.replicas.map((r) => r.name).slice(0, 6)).toEqual(['A', 'A′', 'A″', 'A‴', 'A⁗', 'A⁽⁵⁾'])
    expect(replicaName(12)).toBe('A⁽¹²⁾')
    // Colours follow clientIDs (colors.ts), and drawn clientIDs give each of the first 12 live replicas its own.
    expect(new Set(sim.replicas.map((r) => r.colorIndex)).size).toBe(12)
    for (const r of sim.replicas) expect(r.colorIndex).toBe(colorIndexOf(r.clientId))
    for (let i = 0; i < 20; i++) sim.addReplica()
    expect(() => sim.addReplica()).toThrow(RangeError) // 32 at most
    expect(new Set(sim.replicas.map((r) => r.clientId)).size).toBe(32)
  })
})
