import { describe, expect, test } from 'vitest'
import { sharedText } from '../../src/core/schema'
import { exportRun, MAX_RUN_ACTIONS, parseRun, RunFormatError, replayRun } from '../../src/core/sim/runRecord'
import { Simulation } from '../../src/core/sim/Simulation'
import { digests, logText } from './helpers'

const FAULTY = { latencyMs: 30, jitterMs: 40, loss: 0.1, duplicate: 0.05, reorder: 0.05 }

/** A run with every kind of user action, driven both by advanceTo (with budgets) and by step(). */
const busyRun = (seed: number): Simulation => {
  const sim = new Simulation({ seed, replicas: 4, link: FAULTY, antiEntropy: { on: true, intervalMs: 300 }, initialText: 'start' })
  sim.startWorkload({ rate: 50, limit: 200 })
  sim.advanceTo(500, 40)
  for (let i = 0; i < 7; i++) sim.step()
  sim.edit(1, { type: 'insertText', index: 2, text: 'XY' }) // between two events at the same time, possibly
  sim.partition([[0, 1], [2, 3]])
  sim.advanceTo(1500)
  sharedText(sim.replica(2)!.doc).insert(0, 'hand ') // a direct edit on the document
  const note = sim.edit(3, { type: 'addNote', text: 'n', x: 5, y: 5 }) as string
  sim.edit(3, { type: 'moveNote', id: note, x: 50, y: 60 })
  sim.cutLink(0, 1)
  sim.setLink({ latencyMs: 200 }, 2, 3)
  sim.advanceTo(2500)
  sim.heal()
  sim.addReplica()
  sim.setAntiEntropy(true, 150)
  sim.advanceTo(3000)
  sim.removeReplica(0)
  sim.edit(4, { type: 'counter', delta: -1 })
  sim.edit(2, { type: 'counterLww', delta: 3 })
  sim.advanceTo(6000)
  sim.stopWorkload()
  sim.advanceTo(12_000)
  return sim
}

describe('determinism, record and replay', () => {
  test('same seed and actions → same digests and a byte-identical message log', () => {
    const a = busyRun(42)
    const b = busyRun(42)
    expect(a.log.length).toBeGreaterThan(1000)
    expect(digests(b)).toEqual(digests(a))
    expect(logText(b)).toBe(logText(a))
    expect(a.isConverged()).toBe(true)
    const c = busyRun(43)
    expect(logText(c)).not.toBe(logText(a))
  })

  // Seed 9 once caught a replayed hand edit leaving Y.Text's position cache stale.
  for (const seed of [7, 9, 31, 77]) {
    test(`an exported run, imported, replays to identical digests and an identical message log (seed ${seed})`, () => {
      const sim = busyRun(seed)
      const json = JSON.stringify(exportRun(sim))
      const replayed = replayRun(json)
      expect(replayed.eventsRun).toBe(sim.eventsRun)
      expect(replayed.now).toBe(sim.now)
      expect(digests(replayed)).toEqual(digests(sim))
      expect(logText(replayed)).toBe(logText(sim))
      expect(replayed.replicas.map((r) => r.clientId)).toEqual(sim.replicas.map((r) => r.clientId))
      // Re-exporting the replay gives the same file.
      expect(JSON.stringify(exportRun(replayed))).toBe(json)
    })
  }

  test('a replay stopped mid-run (from a recording taken mid-run) matches the run at that point', () => {
    const sim = new Simulation({ seed: 5, replicas: 3, link: FAULTY, antiEntropy: { on: true } })
    sim.startWorkload({ rate: 40 })
    sim.advanceTo(2000)
    const mid = JSON.stringify(exportRun(sim))
    const midLog = logText(sim)
    sim.advanceTo(4000)
    const replayed = replayRun(mid)
    expect(logText(replayed)).toBe(midLog)
    replayed.advanceTo(4000)
    expect(logText(replayed)).toBe(logText(sim))
  })

  test('malformed or tampered run files give a RunFormatError', () => {
    const good = exportRun(busyRun(9))
    expect(() => parseRun('{nope')).toThrow(RunFormatError)
    expect(() => parseRun({ ...good, format: 'other' })).toThrow(RunFormatError)
    expect(() => parseRun({ ...good, version: 2 })).toThrow(RunFormatError)
    expect(() => parseRun({ ...good, config: { ...good.config, replicas: 40 } })).toThrow(RunFormatError)
    expect(() => parseRun({ ...good, actions: [{ at: 1, step: 0, action: { type: 'edit', replica: 0, edit: { type: 'explode' } } }] })).toThrow(
      RunFormatError,
    )
    expect(() => replayRun({ ...good, actions: [{ at: 0, step: 0, action: { type: 'removeReplica', id: 99 } }] })).toThrow(RunFormatError)
    expect(() => replayRun({ ...good, end: { at: good.end.at, step: good.end.step + 5_000_000 } })).toThrow(/diverged/)
    expect(() => replayRun({ ...good, digests: { 1: 'f'.repeat(64) } })).toThrow(/another digest/)
    // Too many actions: refused before any is read (a 100,000-action file froze the page for 4.5 s).
    const many = Array.from({ length: MAX_RUN_ACTIONS + 1 }, () => ({ at: 0, step: 0, action: { type: 'heal' } }))
    expect(() => parseRun({ ...good, actions: many })).toThrow(/holds 20001 actions; the lab replays at most 20000/)
    expect(parseRun({ ...good, actions: many.slice(0, 3) }).actions).toHaveLength(3)
  })

  test('the plan of a config runs at its times and is not recorded as user actions', () => {
    const sim = new Simulation({
      seed: 1,
      replicas: 2,
      link: { latencyMs: 10 },
      plan: [
        { at: 100, action: { type: 'edit', replica: 0, edit: { type: 'insertText', index: 0, text: 'planned' } } },
        { at: 50, action: { type: 'partition', groups: [[0], [1]] } },
        { at: 200, action: { type: 'heal' } },
      ],
    })
    sim.advanceTo(99)
    expect(sharedText(sim.replica(0)!.doc).toString()).toBe('')
    sim.advanceTo(150)
    expect(sharedText(sim.replica(0)!.doc).toString()).toBe('planned')
    expect(sharedText(sim.replica(1)!.doc).toString()).toBe('')
    sim.advanceTo(300)
    expect(sharedText(sim.replica(1)!.doc).toString()).toBe('planned')
    expect(sim.actions).toEqual([])
  })
})
