import { describe, expect, test } from 'vitest'
import { exportRun, replayRun } from '../../src/core/sim/runRecord'
import { SCENARIOS, scenarioById } from '../../src/core/sim/scenarios'
import { digests, logText } from './helpers'

describe('scenarios', () => {
  test('there are at least six, with distinct ids, titles and explanations', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(6)
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length)
    for (const s of SCENARIOS) {
      expect(s.title.length).toBeGreaterThan(5)
      expect(s.explanation.length).toBeGreaterThan(0)
      expect(scenarioById(s.id)).toBe(s)
    }
  })

  for (const s of SCENARIOS) {
    test(`${s.id}: ${s.claim}`, () => {
      const sim = s.create()
      sim.advanceTo(s.settleAt)
      const outcome = s.check(sim)
      console.log(`${s.id}: ${outcome.detail}`)
      expect(outcome.ok, outcome.detail).toBe(true)
      // A scenario run exports and replays like any other run (its plan is in the config).
      const again = replayRun(exportRun(sim))
      expect(digests(again)).toEqual(digests(sim))
      expect(logText(again)).toBe(logText(sim))
    })
  }

  test('the claims hold for other seeds too (latency draws differ)', () => {
    for (const s of SCENARIOS) {
      for (const seed of [101, 202]) {
        const sim = s.create(seed)
        sim.advanceTo(s.settleAt)
        const outcome = s.check(sim)
        expect(outcome.ok, `${s.id} seed ${seed}: ${outcome.detail}`).toBe(true)
      }
    }
  })
})
