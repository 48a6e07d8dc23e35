import { describe, expect, test } from 'vitest'
import { type ApproachId, createLecture, runScenario } from '../../src/core/lecture'
import { liveMetrics, metricsOf, windowOf } from './helpers'

describe('kill the database', () => {
  test('approaches 1 and 2 cannot serve what needs it; the others do not notice', () => {
    const lecture = createLecture({ seed: 11, requestRate: 40 })
    lecture.advanceTo(3_000)
    const effects = lecture.inject('kill-db')
    expect(effects).toEqual({
      'shared-db': 'applied',
      cache: 'applied',
      cookies: 'n/a',
      functional: 'applied',
      crdt: 'n/a',
      hybrid: 'n/a',
    })
    // 1.5 s later the last second holds only requests issued after the kill.
    lecture.advanceTo(4_500)
    const db = liveMetrics(lecture, 'shared-db').recent
    expect(db.requests).toBeGreaterThan(20)
    expect(db.availability).toBe(0)
    const cache = liveMetrics(lecture, 'cache').recent
    expect(cache.writeAvailability).toBe(0) // every write needs the database
    expect(cache.availability).toBeGreaterThan(0) // reads that hit the cache are still served
    const functional = liveMetrics(lecture, 'functional').recent
    expect(functional.writeAvailability).toBeGreaterThan(0) // cart writes travel with the request
    expect(functional.availability).toBeLessThan(1) // reads and increments need the store
    for (const id of ['cookies', 'crdt', 'hybrid'] as const) expect(liveMetrics(lecture, id).recent.availability).toBe(1)
    lecture.recover('kill-db')
    lecture.advanceTo(7_000)
    expect(liveMetrics(lecture, 'shared-db').recent.availability).toBe(1) // the data survived on disk
    expect(liveMetrics(lecture, 'shared-db').dataLost).toBe(0)
    lecture.destroy()
  })
})

describe('kill A', () => {
  const run = runScenario({
    seed: 12,
    durationMs: 8_000,
    requestRate: 40,
    faults: [{ fault: 'kill-a', at: 2_000, until: 6_000 }],
  })

  test.each(['cookies', 'functional', 'crdt'] satisfies ApproachId[])('under %s nothing is lost and A′ serves', (id) => {
    const m = metricsOf(run, id)
    expect(windowOf(m, 'kill-a').availability).toBe(1)
    expect(m.failovers).toBeGreaterThan(20) // C's requests answered by A′
    expect(m.dataLost).toBe(0)
    expect(m.staleCartReads).toBe(0)
  })

  test('the restarted CRDT replica catches up: A = A′ again', () => {
    expect(metricsOf(run, 'crdt').aEqualsA2.state).toBe(true)
    expect(metricsOf(run, 'hybrid').aEqualsA2.state).toBe(true)
  })

  test('failing over costs a timeout: p95 during the kill is above the client timeout', () => {
    for (const m of Object.values(run.approaches)) expect(windowOf(m!, 'kill-a').p95!).toBeGreaterThan(200)
  })
})

describe('partition A | A′ under CRDT replicas', () => {
  test('both sides stay available, diverge, and converge after healing (equal digests)', () => {
    const lecture = createLecture({ seed: 13, requestRate: 40, approaches: ['crdt', 'hybrid'] })
    lecture.advanceTo(2_000)
    expect(lecture.inject('partition')).toEqual({ crdt: 'applied', hybrid: 'applied' })
    lecture.advanceTo(5_000)
    const during = liveMetrics(lecture, 'crdt')
    expect(during.recent.availability).toBe(1)
    expect(during.aEqualsA2.state).toBe(false) // C writes at A, D at A′: they differ
    expect(during.staleCounterReads).toBeGreaterThan(0) // each side misses the other's increments
    lecture.recover('partition')
    lecture.setRequestRate(0)
    lecture.advanceTo(6_000)
    for (const id of ['crdt', 'hybrid'] as const) {
      const m = liveMetrics(lecture, id)
      expect(m.aEqualsA2.state).toBe(true)
      expect(m.dataLost).toBe(0)
      expect(windowOf(m, 'partition').availability).toBe(1)
    }
    const crdt = lecture.approach('crdt')!
    const [a, b] = crdt.stateEquality().detail.match(/[0-9a-f]{8}/g) ?? []
    expect(a).toBe(b)
    lecture.destroy()
  })

  test('a replica killed while partitioned loses what it had not shared', () => {
    const lecture = createLecture({ seed: 14, requestRate: 40, approaches: ['crdt'] })
    lecture.advanceTo(1_000)
    lecture.inject('partition')
    lecture.advanceTo(3_000)
    lecture.inject('kill-a')
    lecture.recover('partition')
    lecture.advanceTo(4_000)
    lecture.recover('kill-a')
    lecture.setRequestRate(0)
    lecture.advanceTo(5_000)
    const m = liveMetrics(lecture, 'crdt')
    expect(m.dataLost).toBeGreaterThan(0)
    expect(m.aEqualsA2.state).toBe(true) // equal again, minus what A lost
    lecture.destroy()
  })
})

describe('partition A | A′ under the cache layer', () => {
  test('each side writes through to its own cache only: caches disagree after healing, reads go stale, the database lost nothing', () => {
    const run = runScenario({ seed: 21, durationMs: 8_000, approaches: ['cache'], faults: [{ fault: 'partition', at: 2_000, until: 5_000 }] })
    const m = metricsOf(run, 'cache')
    expect(windowOf(m, 'partition').availability).toBe(1)
    expect(m.staleReads).toBeGreaterThan(0)
    expect(m.aEqualsA2.state).toBe(false)
    expect(m.aEqualsA2.detail).toMatch(/disagree/)
    expect(m.dataLost).toBe(0)
  })
})

describe('clear cookies', () => {
  test("loses approach 3's state (and the client-held part of 4 and 6), nothing elsewhere", () => {
    const lecture = createLecture({ seed: 15, requestRate: 40 })
    lecture.advanceTo(5_000)
    const before = liveMetrics(lecture, 'cookies')
    expect(before.bytes.client).toBeGreaterThan(0)
    expect(before.dataLost).toBe(0)
    const effects = lecture.inject('clear-cookies')
    expect(effects['shared-db']).toBe('n/a')
    expect(effects.crdt).toBe('n/a')
    const after = liveMetrics(lecture, 'cookies')
    expect(after.bytes.client).toBe(0)
    expect(after.dataLost).toBeGreaterThan(10)
    expect(liveMetrics(lecture, 'functional').dataLost).toBeGreaterThan(0)
    expect(liveMetrics(lecture, 'hybrid').dataLost).toBeGreaterThan(0)
    for (const id of ['shared-db', 'cache', 'crdt'] as const) expect(liveMetrics(lecture, id).dataLost).toBe(0)
    lecture.recover('clear-cookies') // nothing to undo: the state is gone
    lecture.advanceTo(7_000)
    expect(liveMetrics(lecture, 'cookies').dataLost).toBeGreaterThan(0)
    expect(liveMetrics(lecture, 'cookies').staleCartReads).toBeGreaterThan(0)
    lecture.destroy()
  })
})

describe('kill a cache node', () => {
  test("A's reads go to the database, slower, and K1 comes back empty", () => {
    const lecture = createLecture({ seed: 16, requestRate: 40, approaches: ['cache'] })
    lecture.advanceTo(4_000)
    const hitsBefore = lecture.snapshot().approaches[0].metrics.extras
    lecture.inject('kill-cache')
    lecture.advanceTo(6_000)
    const during = liveMetrics(lecture, 'cache')
    expect(during.recent.availability).toBe(1)
    expect(during.extras.cacheMisses - hitsBefore.cacheMisses).toBeGreaterThan(10)
    expect(lecture.snapshot().approaches[0].nodes.find((n) => n.id === 'K1')).toMatchObject({ up: false, bytes: 0 })
    lecture.recover('kill-cache')
    expect(lecture.snapshot().approaches[0].nodes.find((n) => n.id === 'K1')).toMatchObject({ up: true, bytes: 0 })
    lecture.destroy()
  })
})

describe('overload and slowness make C fail over', () => {
  test('overload-a: A sheds load (503), C is served by A′', () => {
    const run = runScenario({ seed: 17, durationMs: 5_000, faults: [{ fault: 'overload-a', at: 1_000, until: 4_000 }] })
    for (const m of Object.values(run.approaches)) {
      expect(windowOf(m!, 'overload-a').availability).toBeGreaterThan(0.99)
      expect(m!.failovers).toBeGreaterThan(20)
    }
  })

  test('a high request rate overloads A by itself', () => {
    const lecture = createLecture({ seed: 18, requestRate: 40, approaches: ['crdt'] })
    lecture.advanceTo(1_000)
    expect(liveMetrics(lecture, 'crdt').failovers).toBe(0)
    lecture.setRequestRate(700)
    let maxQueue = 0
    for (let t = 1_000; t < 2_000; t += 10) {
      lecture.advanceTo(t)
      maxQueue = Math.max(maxQueue, lecture.snapshot().approaches[0].nodes.find((n) => n.id === 'A')!.queued)
    }
    expect(maxQueue).toBeGreaterThan(5)
    expect(liveMetrics(lecture, 'crdt').failovers).toBeGreaterThan(0)
    lecture.destroy()
  })

  test('slow-link: C times out on A and goes to A′; D is unaffected', () => {
    const run = runScenario({ seed: 19, durationMs: 5_000, approaches: ['cookies'], faults: [{ fault: 'slow-link', at: 1_000, until: 4_000 }] })
    const m = metricsOf(run, 'cookies')
    expect(windowOf(m, 'slow-link').availability).toBe(1)
    expect(m.failovers).toBeGreaterThan(20)
  })
})

describe('forged cookie', () => {
  test('the signature gives it away; the session is thrown out', () => {
    const lecture = createLecture({ seed: 20, requestRate: 40, approaches: ['cookies', 'crdt'] })
    lecture.advanceTo(5_000)
    expect(lecture.inject('tamper-cookie')).toEqual({ cookies: 'applied', crdt: 'n/a' })
    lecture.advanceTo(8_000)
    expect(liveMetrics(lecture, 'cookies').tamperDetected).toBe(1)
    lecture.destroy()
  })
})
