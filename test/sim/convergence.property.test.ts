import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { stateDigest } from '../../src/core/digest'
import { pendingOf } from '../../src/core/pending'
import { report } from './helpers'
import { makeSim, opArb, runOps } from './harness'

/**
 * Regression cases: when a property fails, fast-check prints `{ seed, path }`; add them here,
 * named, so the failing run is replayed first on every test run.
 */
const REGRESSIONS: Array<{ name: string; seed: number; path?: string }> = []

const RUNS_PER_SIZE: Record<number, number> = { 2: 120, 5: 100, 10: 80 }

const converges = (n: number) =>
  fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(opArb, { maxLength: 25 }), fc.boolean(), (seed, ops, syncOnConnect) => {
    const sim = makeSim(n, seed, true, syncOnConnect)
    try {
      runOps(sim, ops)
      // Quiesce: no more user actions; anti-entropy repairs whatever was lost.
      const converged = sim.runUntilConverged(60_000, 200)
      const r = report(sim)
      const detail = `n=${n} seed=${seed} ${JSON.stringify(r)}`
      expect(converged, detail).toBe(true)
      expect(r, detail).toEqual({
        converged: true,
        sameContent: true,
        sameStateVectors: true,
        sameDeleteSets: true,
        distinctDigests: 1,
        anyPending: false,
      })
      for (const rep of sim.replicas) {
        expect(pendingOf(rep.doc).has).toBe(false)
        // The cached digest equals one computed from scratch.
        expect(rep.digest()).toBe(stateDigest(rep.doc))
      }
    } finally {
      sim.destroy()
    }
  })

describe('with anti-entropy, every run converges after healing (10% loss, 5% duplication, 5% reordering)', () => {
  for (const r of REGRESSIONS) {
    test(`(regression) ${r.name} with seed ${r.seed}`, () => {
      for (const n of [2, 5, 10]) fc.assert(converges(n), { seed: r.seed, path: r.path, numRuns: 1 })
    })
  }
  for (const n of [2, 5, 10]) {
    test(`${n} replicas × random ops × random partitions: ${RUNS_PER_SIZE[n]} runs`, () => {
      fc.assert(converges(n), { numRuns: RUNS_PER_SIZE[n] })
    }, 120_000)
  }
})
