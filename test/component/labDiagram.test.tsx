import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Simulation } from '../../src/core/sim'
import { type DiagramInput, DiagramRenderer } from '../../src/ui/lab/diagram/DiagramRenderer'
import { endOf, firstSentFrom, geometry, segment, xOf, yOf } from '../../src/ui/lab/diagram/diagramLayout'

/** Counts path segments instead of drawing them: enough to see what a drawing pass touched. */
class FakePath2D {
  static segments = 0
  moveTo() {}
  lineTo() {
    FakePath2D.segments++
  }
  arc() {}
  closePath() {}
}

const fakeContext = () =>
  new Proxy(
    {},
    {
      get: (_t, key) => (key === 'measureText' ? () => ({ width: 40 }) : () => {}),
      set: () => true,
    },
  )

const fakeCanvas = () => ({ width: 0, height: 0, getContext: () => fakeContext() }) as unknown as HTMLCanvasElement

const saved = (globalThis as { Path2D?: unknown }).Path2D
beforeAll(() => {
  ;(globalThis as { Path2D?: unknown }).Path2D = FakePath2D
})
afterAll(() => {
  ;(globalThis as { Path2D?: unknown }).Path2D = saved
})

const lanesOf = (sim: Simulation) => sim.replicas.map((r) => ({ id: r.id, name: r.name, color: '#123456' }))

const busySim = () => {
  const sim = new Simulation({ seed: 9, replicas: 4, link: { latencyMs: 60, jitterMs: 30, loss: 0.1 } })
  sim.startWorkload({ rate: 40 })
  sim.advanceTo(20_000)
  return sim
}

describe('space-time diagram geometry', () => {
  test('a received message runs from its send on the sender lane to its arrival on the receiver lane', () => {
    const sim = busySim()
    const g = geometry(1000, 4, 0.5, sim.now)
    const m = sim.log.messages.find((x) => x.receivedAt !== null && x.sentAt > g.start)!
    const [x1, y1, x2, y2] = segment(g, m, m.from, m.to, sim.now)
    expect([x1, y1]).toEqual([xOf(g, m.sentAt), yOf(g, m.from)])
    expect(x2).toBeCloseTo(xOf(g, m.receivedAt!))
    expect(y2).toBeCloseTo(yOf(g, m.to))
  })

  test('a message lost in transit ends at its drop; one in flight ends at "now", part way down', () => {
    const sim = busySim()
    const g = geometry(1000, 4, 0.5, sim.now)
    const lost = sim.log.messages.find((x) => x.dropReason === 'loss')!
    expect(endOf(lost, sim.now)).toBe(lost.droppedAt)
    const flying = sim.log.messages.slice(sim.log.firstUnsettled).find((x) => !x.settled && x.arriveAt > sim.now + 1)!
    const [, y1, x2, y2] = segment(g, flying, flying.from, flying.to, sim.now)
    expect(x2).toBeCloseTo(xOf(g, sim.now))
    const yTo = yOf(g, flying.to)
    expect(Math.min(y1, yTo) < y2 && y2 < Math.max(y1, yTo)).toBe(true)
  })

  test('messages are in send order, so the first visible one is a binary search away', () => {
    const list = busySim().log.messages
    for (let i = 1; i < list.length; i++) expect(list[i].sentAt).toBeGreaterThanOrEqual(list[i - 1].sentAt)
    const t = list[Math.floor(list.length / 2)].sentAt
    const i = firstSentFrom(list, t)
    expect(list[i].sentAt).toBe(t)
    expect(i === 0 || list[i - 1].sentAt < t).toBe(true)
  })
})

describe('incremental drawing', () => {
  const input = (sim: Simulation, end = sim.now): DiagramInput => ({
    log: sim.log,
    lanes: lanesOf(sim),
    now: sim.now,
    pxPerMs: 0.5,
    end,
    marks: [],
    selected: null,
    hovered: null,
    width: 1000,
    dpr: 1,
  })

  test('settled tiles are drawn once; later frames draw only the live tail, whatever the run length', () => {
    const sim = new Simulation({ seed: 3, replicas: 4, link: { latencyMs: 60, jitterMs: 30 } })
    sim.startWorkload({ rate: 30 })
    sim.advanceTo(60_000)
    const r = new DiagramRenderer(fakeCanvas(), fakeCanvas)
    r.draw(input(sim))
    const tiles = r.stats.tilesDrawn
    expect(tiles).toBeGreaterThan(3)
    // One frame later (16 ms of virtual time): no tile is drawn again, and the live tail is short.
    sim.advanceBy(16)
    FakePath2D.segments = 0
    r.draw(input(sim))
    expect(r.stats.tilesDrawn - tiles).toBeLessThanOrEqual(1)
    const visible = sim.log.messages.filter((m) => endOf(m, sim.now) >= sim.now - 2000).length
    expect(r.stats.live).toBeLessThan(visible / 3)
    expect(r.stats.live).toBeGreaterThan(0)
  })

  test('hovering a message finds it; far from every line finds nothing', () => {
    const sim = busySim()
    const r = new DiagramRenderer(fakeCanvas(), fakeCanvas)
    const inp = input(sim)
    const g = geometry(1000, 4, 0.5, sim.now)
    const m = [...sim.log.messages].reverse().find((x) => x.receivedAt !== null && x.sentAt > g.start + 100 && Math.abs(x.to - x.from) === 2)!
    const [x1, y1, x2, y2] = segment(g, m, m.from, m.to, sim.now)
    const hit = r.hit(inp, (x1 + x2) / 2, (y1 + y2) / 2)
    expect(hit).not.toBeNull()
    const h = sim.log.messages[hit!]
    expect(h.sentAt).toBeCloseTo(m.sentAt, 0)
    expect(r.hit(inp, 30, 5)).toBeNull()
  })

  test('with a blank canvas (no 2D context) drawing is a no-op, not an error', () => {
    const sim = busySim()
    const none = { width: 0, height: 0, getContext: () => null } as unknown as HTMLCanvasElement
    const r = new DiagramRenderer(none)
    expect(r.available).toBe(false)
    expect(() => r.draw(input(sim))).not.toThrow()
  })
})
