import fc from 'fast-check'
import { expect, test } from 'vitest'
import { type Op, makeSim, opArb, runOps } from './harness'

/**
 * The convergence property means something only if the same runs can fail without the repair
 * mechanism. Same generator, same faulty links (10% loss), anti-entropy off and no reconnect
 * sync: some runs must end diverged. The same inputs with anti-entropy on all converge.
 */
test('without anti-entropy, under 10% loss, some runs never converge; with it, the same runs do', () => {
  const inputs = fc.sample(fc.tuple(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(opArb, { minLength: 15, maxLength: 25 })), {
    seed: 20261128,
    numRuns: 30,
  })
  const editsOnly = (ops: Op[]) => ops.filter((o) => o.kind !== 'partition' && o.kind !== 'cut' && o.kind !== 'heal')
  let diverged = 0
  for (const [seed, ops] of inputs) {
    const without = makeSim(5, seed, false, false)
    runOps(without, editsOnly(ops))
    if (!without.runUntilConverged(60_000, 1000)) diverged++
    without.destroy()
    const withAe = makeSim(5, seed, true, false)
    runOps(withAe, editsOnly(ops))
    expect(withAe.runUntilConverged(60_000, 200), `seed ${seed}`).toBe(true)
    withAe.destroy()
  }
  console.log(`without anti-entropy: ${diverged} of ${inputs.length} runs never converged`)
  expect(diverged).toBeGreaterThan(0)
})
