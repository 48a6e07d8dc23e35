import fc from 'fast-check'
import { expect, test } from 'vitest'
import { exportRun, replayRun } from '../../src/core/sim/runRecord'
import { digests, logText } from './helpers'
import { makeSim, opArb, runOps } from './harness'

test('any recorded run (edits, hand edits, partitions, cuts) replays to the same digests and message log', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(2, 4, 7), fc.array(opArb, { maxLength: 20 }), (seed, n, ops) => {
      const sim = makeSim(n, seed, true)
      runOps(sim, ops)
      sim.advanceBy(1500)
      const replayed = replayRun(JSON.stringify(exportRun(sim)))
      expect(digests(replayed)).toEqual(digests(sim))
      expect(logText(replayed)).toBe(logText(sim))
      sim.destroy()
      replayed.destroy()
    }),
    { numRuns: 40 },
  )
})
