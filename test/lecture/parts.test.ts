import * as prng from 'lib0/prng'
import { describe, expect, test } from 'vitest'
import { applyToSession, EMPTY_SESSION, forgeSession, openSession, sealSession } from '../../src/core/lecture/cookieSession'
import { resolveConfig } from '../../src/core/lecture/config'
import { Ledger } from '../../src/core/lecture/Ledger'
import { LectureNet } from '../../src/core/lecture/LectureNet'
import { RequestStream } from '../../src/core/lecture/RequestStream'
import { hmacSha256, signCookie, verifyCookie } from '../../src/core/lecture/signedCookie'
import { Station } from '../../src/core/lecture/Station'
import type { AppRequest, MessageView } from '../../src/core/lecture'
import { Scheduler } from '../../src/core/sim/Scheduler'

describe('signed cookies', () => {
  test('HMAC-SHA256 matches RFC 4231 test case 2', () => {
    expect(hmacSha256('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843')
  })

  test('a signed value verifies; any change, or another key, does not', () => {
    const c = signCookie('{"items":[],"count":3}', 'k')
    expect(verifyCookie(c, 'k')).toBe('{"items":[],"count":3}')
    expect(verifyCookie(c.replace('3', '4'), 'k')).toBeNull()
    expect(verifyCookie(c, 'other')).toBeNull()
  })

  test('a forged session is detected and discarded', () => {
    const sealed = sealSession(applyToSession(EMPTY_SESSION, { kind: 'inc' }), 'k')
    expect(openSession(sealed, 'k')).toEqual({ state: { items: [], count: 1 }, tampered: false })
    expect(openSession(forgeSession(sealed), 'k')).toEqual({ state: EMPTY_SESSION, tampered: true })
  })
})

describe('LectureNet', () => {
  const setup = () => {
    const sched = new Scheduler()
    const net = new LectureNet(sched, prng.create(1), 0.5, 100, [
      { id: 'x', kind: 'server', label: 'x' },
      { id: 'y', kind: 'server', label: 'y' },
    ], [{ a: 'x', b: 'y', latencyMs: 10 }])
    const got: string[] = []
    net.listen('y', (_m: MessageView, body) => got.push(body as string))
    return { sched, net, got }
  }

  test('FIFO per direction despite jitter', () => {
    const { sched, net, got } = setup()
    for (let i = 0; i < 50; i++) net.send('x', 'y', 'm', String(i), 1)
    sched.runAll()
    expect(got).toEqual(Array.from({ length: 50 }, (_, i) => String(i)))
  })

  test('a cut link drops what would arrive; a restarted receiver drops what was sent before', () => {
    const { sched, net, got } = setup()
    net.send('x', 'y', 'm', 'a', 1)
    net.setCut('x', 'y', true)
    sched.runAll()
    net.setCut('x', 'y', false)
    net.send('x', 'y', 'm', 'b', 1)
    net.setUp('y', false)
    net.setUp('y', true)
    sched.runAll()
    net.send('x', 'y', 'm', 'c', 1)
    sched.runAll()
    expect(got).toEqual(['c'])
    expect(net.recentMessages(10).map((m) => m.dropReason)).toEqual(['partitioned', 'receiver-down', null])
  })
})

describe('Station', () => {
  test('serves in order, queues while within the residence limit, sheds beyond it', () => {
    const sched = new Scheduler()
    const s = new Station(sched, 1, 10, 35)
    const done: number[] = []
    const admitted = [0, 1, 2, 3, 4].map((i) => s.offer(() => done.push(i)))
    expect(admitted).toEqual([true, true, true, false, false]) // 2 queued: 20 ms wait + 10 ≤ 35; a 3rd would wait 30
    sched.runAll()
    expect(done).toEqual([0, 1, 2])
    expect(sched.now).toBe(30)
  })
})

describe('Ledger', () => {
  const req = (id: number, op: AppRequest['op']): AppRequest => ({ id, user: 'u00', client: 'C', issuedAt: 0, op })
  const item = { id: 'u00.1', sku: 'apple', qty: 1, note: '' }

  test('stale = misses a write acknowledged before the read; lost = acknowledged and gone', () => {
    const l = new Ledger()
    l.ack(req(1, { kind: 'add', item }))
    l.ack(req(2, { kind: 'inc' }))
    const exp = l.expectation('u00')
    expect(l.staleness(exp, { cart: [item], counter: 1 })).toEqual({ cart: false, counter: false })
    expect(l.staleness(exp, { cart: [], counter: 0 })).toEqual({ cart: true, counter: true })
    expect(l.lost({ hasItem: () => true, counter: () => 1 })).toBe(0)
    expect(l.lost({ hasItem: () => false, counter: () => 0 })).toBe(2)
    l.ack(req(3, { kind: 'remove', itemId: item.id }))
    expect(l.lost({ hasItem: () => true, counter: () => 1 })).toBe(1) // the remove came back
  })
})

describe('RequestStream', () => {
  test('a pure function of the seed; users keep their gap at a normal rate', () => {
    const cfg = resolveConfig()
    const draw = (seed: number) => {
      const s = new RequestStream(seed, cfg)
      const out: AppRequest[] = []
      let t = 0
      for (let i = 0; i < 400; i++) {
        t += s.gapMs(40)
        out.push(s.next(t))
      }
      return out
    }
    const a = draw(3)
    expect(draw(3)).toEqual(a)
    expect(draw(4)).not.toEqual(a)
    const last = new Map<string, number>()
    for (const r of a) {
      const prev = last.get(r.user)
      if (prev !== undefined) expect(r.issuedAt - prev).toBeGreaterThanOrEqual(cfg.minUserGapMs)
      last.set(r.user, r.issuedAt)
      expect(r.client).toBe(Number(r.user.slice(1)) % 2 === 0 ? 'C' : 'D')
    }
    const kinds = new Set(a.map((r) => r.op.kind))
    expect([...kinds].sort()).toEqual(['add', 'inc', 'read', 'remove'])
  })
})
