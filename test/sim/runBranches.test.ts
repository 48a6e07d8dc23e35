import { describe, expect, test } from 'vitest'
import { exportTimeline, replayBranchedRun } from '../../src/core/sim/runBranches'
import { exportRun, RunFormatError } from '../../src/core/sim/runRecord'
import { Simulation } from '../../src/core/sim/Simulation'
import { Timeline } from '../../src/core/sim/Timeline'
import { digests } from './helpers'

const forkedRun = () => {
  const sim = new Simulation({ seed: 3, replicas: 3, link: { latencyMs: 50, jitterMs: 20 }, initialText: 'x' })
  const tl = new Timeline(sim, { every: 40 })
  sim.startWorkload({ rate: 20, limit: 40 })
  tl.advanceTo(800)
  sim.partition([[0], [1, 2]])
  tl.advanceTo(1600)
  sim.heal()
  tl.advanceTo(2500)
  const endA = digests(sim)
  tl.seek(1200)
  sim.edit(0, { type: 'insertText', index: 0, text: 'B' })
  tl.advanceTo(2600)
  return { sim, tl, endA, endB: digests(sim) }
}

describe('run files with branches', () => {
  test('both branches export in one file and import to the same states', () => {
    const { tl, endA, endB } = forkedRun()
    const file = JSON.stringify(exportTimeline(tl))
    const back = replayBranchedRun(file)
    expect(back.branches.map((b) => b.name)).toEqual(tl.branches.map((b) => b.name))
    expect(back.current.name).toBe(tl.current.name)
    expect(digests(back.sim)).toEqual(endB)
    expect(back.switchTo(back.branches[0].id).notice).toBeNull()
    expect(digests(back.sim)).toEqual(endA)
  })

  test('a version-1 run file still imports as one branch', () => {
    const sim = new Simulation({ seed: 4, replicas: 2 })
    sim.startWorkload({ rate: 20, limit: 10 })
    sim.advanceTo(1500)
    const back = replayBranchedRun(JSON.stringify(exportRun(sim)))
    expect(back.branches).toHaveLength(1)
    expect(digests(back.sim)).toEqual(digests(sim))
  })

  test('a branch whose parent is missing, a cycle, or a fork after the parent ends is refused with the reason', () => {
    const { tl } = forkedRun()
    const run = exportTimeline(tl)
    const missing = structuredClone(run)
    missing.branches[1].parent = 99
    expect(() => replayBranchedRun(missing)).toThrow(RunFormatError)
    expect(() => replayBranchedRun(missing)).toThrow(/forks from branch 99, which is not in the file/)
    const cycle = structuredClone(run)
    cycle.branches[0].parent = cycle.branches[1].id
    cycle.branches[0].fork = { at: 0, step: 0, actions: 0 }
    expect(() => replayBranchedRun(cycle)).toThrow(/descends from itself/)
    const late = structuredClone(run)
    late.branches[1].fork = { at: 99_999, step: 1, actions: 1 }
    expect(() => replayBranchedRun(late)).toThrow(/forks after the end/)
    const tampered = structuredClone(run)
    const cur = tampered.branches.find((b) => b.id === tampered.current)!
    cur.digests = Object.fromEntries(Object.keys(cur.digests ?? {}).map((k) => [k, 'f00']))
    expect(() => replayBranchedRun(tampered)).toThrow(/replay diverged/)
  })
})
