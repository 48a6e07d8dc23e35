import fc from 'fast-check'
import { expect, test } from 'vitest'
import { replayRun, exportRun } from '../../src/core/sim/runRecord'
import { Simulation } from '../../src/core/sim/Simulation'
import { Timeline } from '../../src/core/sim/Timeline'
import { digests, logText } from './helpers'
import { opArb, perform } from './harness'

const LINK = { latencyMs: 40, jitterMs: 30, loss: 0.05, duplicate: 0.03, reorder: 0.03 }

/** A random run driven through a Timeline with frequent checkpoints: workload, anti-entropy, user ops. */
const randomRun = (seed: number, n: number, ops: fc.Arbitrary<never>[] | unknown[], every: number) => {
  const sim = new Simulation({ seed, replicas: n, link: LINK, antiEntropy: { on: seed % 2 === 0, intervalMs: 250 }, initialText: 'ab' })
  const tl = new Timeline(sim, { every })
  sim.startWorkload({ rate: 40, limit: 120 })
  const sorted = [...(ops as Array<{ at: number }>)].sort((a, b) => a.at - b.at)
  for (const op of sorted) {
    tl.advanceTo(op.at)
    perform(sim, op as never)
  }
  tl.advanceTo(3500)
  return { sim, tl }
}

/** The state at the timeline's current moment, reached by a fresh run straight there. */
const straight = (sim: Simulation) => replayRun(JSON.stringify(exportRun(sim)), false)

/** fast-check's seed for this run, in the test's name (set FC_SEED to replay a failure; fast-check also prints the failing case). */
const SEED = Number(process.env.FC_SEED ?? Math.floor(Date.now() % 2 ** 31))
/** Each run replays its run from scratch per seek target: ~0.3 s a run on a quiet machine, several times that under load. */
const RUNS = 20

test(`after any seek, every replica is byte-identical (digests) to a run straight to that moment, and the log too (fast-check seed ${SEED})`, () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      fc.constantFrom(2, 3, 5),
      fc.array(opArb, { maxLength: 12 }),
      fc.array(fc.oneof(fc.integer({ min: 0, max: 3600 }), fc.constant(-1)), { minLength: 1, maxLength: 5 }),
      (seed, n, ops, targets) => {
        const { sim, tl } = randomRun(seed, n, ops, 60)
        expect(tl.current.checkpoints.length).toBeGreaterThan(1)
        for (const t of targets) {
          if (t === -1) tl.stepBack()
          else tl.seek(t)
          const ref = straight(sim)
          expect(digests(sim)).toEqual(digests(ref))
          expect(logText(sim)).toBe(logText(ref))
          ref.destroy()
        }
        // Back at the end: the run as it was before any seek.
        tl.seek(tl.end)
        const again = straight(sim)
        expect(digests(sim)).toEqual(digests(again))
        again.destroy()
        sim.destroy()
      },
    ),
    { numRuns: RUNS, seed: SEED },
  )
}, 120_000)
