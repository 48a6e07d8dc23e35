import { describe, expect, test } from 'vitest'
import { runScenario } from '../../src/core/lecture'
import { LOCAL_STATE, metricsOf } from './helpers'

// A fault-free run: the cost of where the state lives, and nothing else.
const quiet = runScenario({ seed: 7, durationMs: 12_000, requestRate: 40 })

describe('cost per request, no faults (seed 7)', () => {
  const db = metricsOf(quiet, 'shared-db')

  test('the shared database is slower per request than the cache: reads get faster, writes still pay the database', () => {
    const cache = metricsOf(quiet, 'cache')
    expect(cache.extras.cacheHits).toBeGreaterThan(4 * cache.extras.cacheMisses)
    expect(db.latency.mean!).toBeGreaterThan(cache.latency.mean! + 3)
    expect(db.latency.p50!).toBeGreaterThan(cache.latency.p50!)
    expect(db.readLatency.p50!).toBeGreaterThan(cache.readLatency.p50! + 8)
    expect(cache.writeLatency.p50!).toBeGreaterThan(db.writeLatency.p50! - 3)
  })

  test.each(LOCAL_STATE)('the shared database is slower per request than %s (state local to the request)', (id) => {
    const m = metricsOf(quiet, id)
    expect(db.latency.p50!).toBeGreaterThan(m.latency.p50! + 10)
    expect(db.latency.p95!).toBeGreaterThan(m.latency.p95!)
    expect(db.latency.mean!).toBeGreaterThan(m.latency.mean!)
  })

  test('a database round trip costs messages: 4 per request, local answers 2 (+ replication)', () => {
    expect(db.messagesPerRequest).toBeCloseTo(4, 1)
    expect(metricsOf(quiet, 'cookies').messagesPerRequest).toBeCloseTo(2, 1)
    const crdt = metricsOf(quiet, 'crdt').messagesPerRequest!
    expect(crdt).toBeGreaterThan(2)
    expect(crdt).toBeLessThan(db.messagesPerRequest!)
  })

  test('without faults every approach answers everything and loses nothing', () => {
    for (const m of Object.values(quiet.approaches)) {
      expect(m?.availability).toBe(1)
      expect(m?.dataLost).toBe(0)
      expect(m?.pending).toBe(0)
    }
  })

  test('state sits where each approach says', () => {
    expect(db.bytes).toMatchObject({ servers: 0, cache: 0, client: 0 })
    expect(db.bytes.db).toBeGreaterThan(0)
    expect(metricsOf(quiet, 'cache').bytes.cache).toBeGreaterThan(0)
    expect(metricsOf(quiet, 'cookies').bytes).toMatchObject({ servers: 0, db: 0, cache: 0 })
    expect(metricsOf(quiet, 'cookies').bytes.client).toBeGreaterThan(0)
    expect(metricsOf(quiet, 'crdt').bytes).toMatchObject({ db: 0, cache: 0, client: 0 })
    expect(metricsOf(quiet, 'crdt').bytes.servers).toBeGreaterThan(0)
    const hybrid = metricsOf(quiet, 'hybrid').bytes
    expect(hybrid.client).toBeGreaterThan(0)
    expect(hybrid.servers).toBeGreaterThan(0)
  })

  test('A = A′ at the end, everywhere', () => {
    for (const m of Object.values(quiet.approaches)) expect(m?.aEqualsA2).toMatchObject({ code: true, state: true })
  })
})
