import { describe, expect, test } from 'vitest'
import { sharedText } from '../../src/core/schema'
import type { SimMessage } from '../../src/core/sim/SimMessage'
import { Simulation } from '../../src/core/sim/Simulation'

const updates = (sim: Simulation, from: number, to: number): SimMessage[] =>
  sim.log.messages.filter((m) => m.kind === 'update' && m.from === from && m.to === to && m.duplicateOf === null)

/** Types `count` one-letter edits on replica `r`, `gapMs` apart. */
const typeOn = (sim: Simulation, r: number, count: number, gapMs: number) => {
  for (let i = 0; i < count; i++) {
    sim.edit(r, { type: 'insertText', index: i, text: String.fromCharCode(97 + (i % 26)) })
    sim.advanceBy(gapMs)
  }
}

describe('simulated network', () => {
  test('links are FIFO by default: with jitter, no message overtakes an earlier one on its link', () => {
    const sim = new Simulation({ seed: 1, replicas: 2, link: { latencyMs: 10, jitterMs: 200 } })
    typeOn(sim, 0, 200, 1)
    sim.advanceBy(1000)
    const ms = updates(sim, 0, 1)
    expect(ms).toHaveLength(200)
    for (let i = 1; i < ms.length; i++) expect(ms[i].receivedAt!).toBeGreaterThanOrEqual(ms[i - 1].receivedAt!)
    // Jitter is real: arrival delays vary.
    expect(new Set(ms.map((m) => m.receivedAt! - m.sentAt)).size).toBeGreaterThan(10)
    expect(sharedText(sim.replica(1)!.doc).toString()).toBe(sharedText(sim.replica(0)!.doc).toString())
  })

  test('with reordering on, some messages are overtaken, and are marked', () => {
    const sim = new Simulation({ seed: 2, replicas: 2, link: { latencyMs: 10, jitterMs: 5, reorder: 0.2 } })
    typeOn(sim, 0, 200, 1)
    sim.advanceBy(1000)
    const ms = updates(sim, 0, 1)
    const overtaken = ms.filter((m, i) => ms.slice(i + 1).some((later) => later.receivedAt! < m.receivedAt!))
    expect(overtaken.length).toBeGreaterThan(0)
    expect(overtaken.every((m) => m.reordered)).toBe(true)
    expect(sharedText(sim.replica(1)!.doc).toString()).toBe(sharedText(sim.replica(0)!.doc).toString())
  })

  test('loss drops about the given share, at the would-be arrival time, with reason "loss"', () => {
    const sim = new Simulation({ seed: 3, replicas: 2, link: { latencyMs: 25, loss: 0.3 } })
    typeOn(sim, 0, 400, 1)
    sim.advanceBy(100)
    const ms = updates(sim, 0, 1)
    const lost = ms.filter((m) => m.dropReason === 'loss')
    expect(lost.length / ms.length).toBeGreaterThan(0.2)
    expect(lost.length / ms.length).toBeLessThan(0.4)
    for (const m of lost) {
      expect(m.droppedAt).toBe(m.sentAt + 25)
      expect(m.receivedAt).toBeNull()
    }
  })

  test('duplication delivers marked second copies, which change nothing', () => {
    const sim = new Simulation({ seed: 4, replicas: 2, link: { latencyMs: 5, duplicate: 0.5 } })
    typeOn(sim, 0, 50, 1)
    sim.advanceBy(100)
    const dups = sim.log.messages.filter((m) => m.duplicateOf !== null)
    expect(dups.length).toBeGreaterThan(10)
    for (const d of dups) expect(sim.log.messages[d.duplicateOf!].payload).toBe(d.payload)
    const inLog = sim.replica(1)!.opLog.filter((e) => e.dir === 'in')
    expect(inLog.some((e) => !e.changed)).toBe(true)
    expect(sharedText(sim.replica(1)!.doc).toString()).toBe(sharedText(sim.replica(0)!.doc).toString())
  })

  test('a partition drops messages across groups at once, and messages in flight when it starts at arrival', () => {
    const sim = new Simulation({ seed: 5, replicas: 3, link: { latencyMs: 100 } })
    sim.edit(0, { type: 'insertText', index: 0, text: 'x' }) // in flight to 1 and 2
    sim.advanceTo(50)
    sim.partition([[0, 1], [2]])
    sim.advanceTo(60)
    sim.heal() // healed before the in-flight message arrives: it is still dropped (its connection broke)
    sim.advanceTo(70)
    sim.partition([[0, 1], [2]])
    sim.edit(0, { type: 'insertText', index: 0, text: 'y' })
    const [first1, first2] = [updates(sim, 0, 1)[0], updates(sim, 0, 2)[0]]
    const [second1, second2] = [updates(sim, 0, 1)[1], updates(sim, 0, 2)[1]]
    sim.advanceTo(500)
    expect(first1.receivedAt).toBe(100) // same group throughout
    expect(first2.dropReason).toBe('partition')
    expect(first2.droppedAt).toBe(100)
    expect(second1.receivedAt).toBe(170)
    expect(second2.dropReason).toBe('partition')
    expect(second2.droppedAt).toBe(70) // dropped when sent: the link was down
    expect(sim.network.groups).toEqual([[0, 1], [2]])
  })

  test('cutting a single link drops only its messages; restoring it syncs both ends', () => {
    const sim = new Simulation({ seed: 6, replicas: 3, link: { latencyMs: 10 } })
    sim.cutLink(0, 2)
    sim.edit(0, { type: 'insertText', index: 0, text: 'hi' })
    sim.advanceTo(100)
    expect(updates(sim, 0, 2)[0].dropReason).toBe('cut')
    expect(updates(sim, 0, 1)[0].receivedAt).toBe(10)
    expect(sharedText(sim.replica(2)!.doc).toString()).toBe('')
    expect(sim.network.cutLinks).toEqual([[0, 2]])
    sim.restoreLink(0, 2)
    sim.advanceTo(200)
    expect(sharedText(sim.replica(2)!.doc).toString()).toBe('hi')
    expect(sim.log.messages.filter((m) => m.kind === 'sync-step1').map((m) => [m.from, m.to])).toEqual([
      [0, 2],
      [2, 0],
    ])
  })

  test('per-link parameters override the default on one directed link', () => {
    const sim = new Simulation({ seed: 7, replicas: 2, link: { latencyMs: 10 } })
    sim.setLink({ latencyMs: 300 }, 0, 1)
    sim.edit(0, { type: 'insertText', index: 0, text: 'a' })
    sim.edit(1, { type: 'insertText', index: 0, text: 'b' })
    sim.advanceTo(1000)
    expect(updates(sim, 0, 1)[0].receivedAt).toBe(300)
    expect(updates(sim, 1, 0)[0].receivedAt).toBe(10)
    sim.clearLink(0, 1)
    expect(sim.network.linkParams(0, 1).latencyMs).toBe(10)
    expect(() => sim.setLink({ loss: 2 })).toThrow(RangeError)
  })

  test('step() runs exactly one event; advanceTo runs all events up to a time and sets the clock', () => {
    const sim = new Simulation({ seed: 8, replicas: 3, link: { latencyMs: 10, jitterMs: 10 } })
    sim.edit(0, { type: 'insertText', index: 0, text: 'a' })
    expect(sim.log.inFlight).toBe(2)
    expect(sim.step()).toBe(true)
    expect(sim.eventsRun).toBe(1)
    expect(sim.log.inFlight).toBe(1)
    expect(sim.step()).toBe(true)
    expect(sim.log.inFlight).toBe(0)
    expect(sim.step()).toBe(false)
    const t = sim.now
    sim.advanceTo(t + 12.3)
    expect(sim.now).toBeCloseTo(t + 12.3, 2)
  })

  test('the log settles in order: messages before firstUnsettled never change again', () => {
    const sim = new Simulation({ seed: 9, replicas: 4, link: { latencyMs: 20, jitterMs: 80, loss: 0.1, reorder: 0.2, duplicate: 0.1 } })
    sim.startWorkload({ rate: 200, limit: 300 })
    let lastVersion = sim.log.version
    for (let t = 0; t < 3000; t += 7) {
      sim.advanceTo(t)
      const l = sim.log
      // From scratch: the first index of a message still in flight.
      const scratch = l.messages.findIndex((m) => !m.settled)
      expect(l.firstUnsettled).toBe(scratch === -1 ? l.length : scratch)
      expect(l.inFlight).toBe(l.messages.filter((m) => !m.settled).length)
      expect(l.version).toBeGreaterThanOrEqual(lastVersion)
      lastVersion = l.version
    }
  })

  test('removing a replica drops messages to it; adding one syncs it with everyone', () => {
    const sim = new Simulation({ seed: 10, replicas: 3, link: { latencyMs: 50 }, initialText: 'abc' })
    sim.edit(0, { type: 'insertText', index: 3, text: 'd' })
    sim.removeReplica(2)
    sim.advanceTo(100)
    expect(updates(sim, 0, 2)[0].dropReason).toBe('removed')
    const r = sim.addReplica()
    expect(r.id).toBe(3)
    expect(r.name).toBe('A‴')
    expect(new Set(sim.replicas.map((x) => x.colorIndex)).size).toBe(3)
    sim.advanceTo(400)
    expect(sharedText(r.doc).toString()).toBe('abcd')
    expect(sim.isConverged()).toBe(true)
    sim.removeReplica(3)
    expect(() => sim.removeReplica(1)).toThrow(RangeError)
  })
})
