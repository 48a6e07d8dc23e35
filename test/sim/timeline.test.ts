import { describe, expect, test } from 'vitest'
import { exportRun, replayRun } from '../../src/core/sim/runRecord'
import { Simulation } from '../../src/core/sim/Simulation'
import { Timeline } from '../../src/core/sim/Timeline'
import { digests, logText } from './helpers'

const run = () => {
  const sim = new Simulation({ seed: 11, replicas: 3, link: { latencyMs: 60, jitterMs: 30 }, initialText: 'hi' })
  const tl = new Timeline(sim, { every: 50 })
  sim.startWorkload({ rate: 30, limit: 60 })
  tl.advanceTo(1000)
  sim.partition([[0], [1, 2]])
  tl.advanceTo(2000)
  sim.heal()
  tl.advanceTo(3000)
  return { sim, tl }
}

describe('timeline', () => {
  test('seek back to the partition shows the replicas apart again, and forward again converged', () => {
    const { sim, tl } = run()
    expect(sim.isConverged()).toBe(true)
    const end = digests(sim)
    tl.seek(1900)
    expect(sim.now).toBe(1900)
    expect(sim.network.groups).not.toBeNull()
    expect(sim.distinctStates()).toBeGreaterThan(1)
    tl.seek(3000)
    expect(digests(sim)).toEqual(end)
    expect(sim.network.groups).toBeNull()
  })

  test('stepping back and forward moves one event or action at a time', () => {
    const { sim, tl } = run()
    const p = sim.position
    tl.stepBack()
    expect(sim.position).toBe(p - 1)
    tl.stepBack()
    expect(sim.position).toBe(p - 2)
    expect(tl.stepForward()).toBe(true)
    expect(sim.position).toBe(p - 1)
  })

  test('a seek past the end says so and shows the end; a seek to NaN too', () => {
    const { sim, tl } = run()
    const out = tl.seek(99_000)
    expect(out.notice).toMatch(/ends at 3\.00 s/)
    expect(sim.now).toBe(3000)
    expect(tl.seek(Number.NaN).notice).toMatch(/Cannot go to NaN/)
  })

  test('a checkpoint that fails to decode is reported, dropped, and the seek still lands right', () => {
    const { sim, tl } = run()
    const cps = tl.current.checkpoints
    const victim = cps.filter((c) => c.at <= 1500).at(-1)!
    expect(victim.at).toBeGreaterThan(0)
    victim.replicas[0].doc = victim.replicas[0].doc.slice(0, 5)
    const out = tl.seek(1500)
    expect(out.notice).toMatch(/does not decode|another state/)
    expect(tl.current.checkpoints).not.toContain(victim)
    const ref = replayRun(JSON.stringify(exportRun(sim)), false)
    expect(digests(sim)).toEqual(digests(ref))
    expect(logText(sim)).toBe(logText(ref))
  })

  test('an action in the past forks: the old future stays a branch to go back to', () => {
    const { sim, tl } = run()
    const end = digests(sim)
    tl.seek(1500)
    sim.edit(0, { type: 'insertText', index: 0, text: 'FORK' })
    expect(tl.branches).toHaveLength(2)
    expect(tl.current.parent).toBe(tl.branches[0].id)
    tl.advanceTo(3000)
    const forked = digests(sim)
    expect(forked).not.toEqual(end)
    expect(tl.switchTo(tl.branches[0].id).notice).toBeNull()
    expect(sim.now).toBe(3000)
    expect(digests(sim)).toEqual(end)
    expect(tl.switchTo(tl.branches[1].id).notice).toBeNull()
    expect(digests(sim)).toEqual(forked)
  })
})
