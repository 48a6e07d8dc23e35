import { describe, expect, test } from 'vitest'
import { createLecture, runScenario, STANDARD_SCENARIO } from '../../src/core/lecture'

describe('same seed, same results', () => {
  test('the standard experiment gives deep-equal summaries twice', () => {
    const a = runScenario(STANDARD_SCENARIO)
    const b = runScenario(STANDARD_SCENARIO)
    expect(b).toEqual(a)
    expect(JSON.stringify(b)).toBe(JSON.stringify(a))
  })

  test('another seed gives another run', () => {
    const short = { ...STANDARD_SCENARIO, durationMs: 3_000 }
    expect(runScenario({ ...short, seed: 2 })).not.toEqual(runScenario(short))
  })

  test('an approach gives the same numbers whether it runs alone or with the others', () => {
    const opts = { seed: 5, durationMs: 4_000, faults: [{ fault: 'kill-a' as const, at: 1_000, until: 2_000 }] }
    const all = runScenario(opts)
    const alone = runScenario({ ...opts, approaches: ['crdt'] })
    expect(alone.approaches.crdt).toEqual(all.approaches.crdt)
    expect(alone.requests).toBe(all.requests)
  })

  test('live snapshots are identical for identical calls', () => {
    const drive = () => {
      const l = createLecture({ seed: 9, requestRate: 80 })
      l.advanceTo(1_000)
      l.inject('partition')
      l.setRequestRate(150)
      l.advanceTo(2_000)
      l.recover('partition')
      l.advanceTo(2_500)
      const s = l.snapshot()
      l.destroy()
      return s
    }
    expect(drive()).toEqual(drive())
  })
})
