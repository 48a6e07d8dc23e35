import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { type CartItem, createLecture, handleRequest, type Op } from '../../src/core/lecture'
import { liveMetrics } from './helpers'

const item = fc.record({
  id: fc.string({ minLength: 1, maxLength: 6 }),
  sku: fc.constantFrom('apple', 'bread'),
  qty: fc.integer({ min: 1, max: 3 }),
  note: fc.string({ maxLength: 10 }),
})
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ kind: 'read' as const }),
  fc.constant({ kind: 'inc' as const }),
  item.map((i) => ({ kind: 'add' as const, item: i })),
  fc.string({ minLength: 1, maxLength: 6 }).map((itemId) => ({ kind: 'remove' as const, itemId })),
)

const deepFreeze = <T>(v: T): T => {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x)
    Object.freeze(v)
  }
  return v
}

describe('approach 4: functional servers', () => {
  test('the handler is pure: same arguments, same result, arguments untouched (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), fc.integer({ min: 0, max: 1000 }), op, (cart, counter, o) => {
        const state = deepFreeze({ cart: cart as CartItem[], counter })
        const snapshot = JSON.stringify(state)
        const onA = handleRequest(state, deepFreeze(o))
        const onA2 = handleRequest(state, o)
        expect(onA2).toEqual(onA)
        expect(JSON.stringify(state)).toBe(snapshot)
        if (o.kind === 'inc') expect(onA.state.counter).toBe(counter + 1)
      }),
      { seed: 42, numRuns: 300 },
    )
  })

  test('A and A′ hold 0 bytes at every moment of a run with faults', () => {
    const lecture = createLecture({ seed: 31, requestRate: 60, approaches: ['functional'] })
    const faults = ['kill-a', 'overload-a', 'slow-link', 'kill-db'] as const
    for (let t = 250; t <= 6_000; t += 250) {
      const f = faults[Math.floor(t / 1_500) % faults.length]
      if (t % 1_500 === 0) lecture.inject(f)
      if (t % 1_500 === 750) lecture.recover(f)
      lecture.advanceTo(t)
      const a = lecture.snapshot().approaches[0]
      expect(a.metrics.bytes.servers).toBe(0)
      expect(a.nodes.filter((n) => n.kind === 'server').map((n) => n.bytes)).toEqual([0, 0])
    }
    lecture.destroy()
  })

  test('restarting both servers at once loses nothing (they kept nothing); CRDT replicas lose everything', () => {
    const lecture = createLecture({ seed: 32, requestRate: 40, approaches: ['shared-db', 'functional', 'crdt'] })
    lecture.advanceTo(4_000)
    lecture.setRequestRate(0)
    lecture.advanceTo(4_500) // quiet: nothing in flight
    for (const id of ['shared-db', 'functional', 'crdt'] as const) {
      const a = lecture.approach(id)!
      a.crashNode('A')
      a.crashNode('A2')
      a.restartNode('A')
      a.restartNode('A2')
    }
    lecture.advanceTo(5_000)
    expect(liveMetrics(lecture, 'functional').dataLost).toBe(0)
    expect(liveMetrics(lecture, 'shared-db').dataLost).toBe(0)
    expect(liveMetrics(lecture, 'crdt').dataLost).toBeGreaterThan(10)
    lecture.destroy()
  })
})
