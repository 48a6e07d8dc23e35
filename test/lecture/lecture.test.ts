import { describe, expect, test } from 'vitest'
import { APPROACH_IDS, createLecture, FAULT_KINDS } from '../../src/core/lecture'

describe('the lecture object (what the view relies on)', () => {
  test('describes every approach: title, words, weakness, which faults apply', () => {
    const lecture = createLecture({ seed: 1 })
    expect(lecture.approaches.map((a) => a.id)).toEqual([...APPROACH_IDS])
    for (const a of lecture.approaches) {
      expect(a.title.length).toBeGreaterThan(10)
      const sentences = a.explanation.split(/[.!?](\s|$)/).filter((s) => s.trim().length > 0).length
      expect(sentences).toBeGreaterThanOrEqual(2)
      expect(a.weakness.length).toBeGreaterThan(20)
      expect(Object.keys(a.faults).sort()).toEqual([...FAULT_KINDS].sort())
      expect(a.faults['kill-a']).toBe('applied')
    }
    lecture.destroy()
  })

  test('version, cached snapshot, subscribe and unsubscribe', () => {
    const lecture = createLecture({ seed: 2, requestRate: 50 })
    const seen: number[] = []
    const off = lecture.subscribe(() => seen.push(lecture.version))
    const v0 = lecture.version
    const s0 = lecture.snapshot()
    expect(lecture.snapshot()).toBe(s0) // nothing changed: the same object
    lecture.advanceTo(500)
    expect(lecture.version).toBeGreaterThan(v0)
    const s1 = lecture.snapshot()
    expect(s1).not.toBe(s0)
    expect(s1.now).toBe(500)
    lecture.inject('kill-a')
    expect(lecture.activeFaults).toEqual(['kill-a'])
    lecture.inject('kill-a') // already active: nothing happens
    lecture.recover('kill-a')
    expect(lecture.activeFaults).toEqual([])
    off()
    lecture.advanceTo(600)
    expect(seen).toHaveLength(3)
    lecture.destroy()
    lecture.advanceTo(700)
    expect(lecture.now).toBe(600)
  })

  test('nodes, links and messages as data for the diagram', () => {
    const lecture = createLecture({ seed: 3, requestRate: 40 })
    lecture.advanceTo(2_000)
    lecture.inject('partition')
    lecture.inject('kill-a')
    lecture.advanceTo(2_300)
    const byId = Object.fromEntries(lecture.snapshot().approaches.map((a) => [a.id, a]))
    expect(byId['shared-db'].nodes.map((n) => `${n.id}:${n.kind}`)).toEqual(['C:client', 'D:client', 'A:server', 'A2:server', 'DB:db'])
    expect(byId.cache.nodes.filter((n) => n.kind === 'cache').map((n) => n.label)).toEqual(['cache K1', 'cache K2'])
    expect(byId.crdt.nodes.find((n) => n.id === 'A')?.up).toBe(false)
    expect(byId.crdt.links.find((l) => l.id === 'A|A2')?.cut).toBe(true)
    for (const a of Object.values(byId)) {
      expect(a.messages.length).toBeGreaterThan(0)
      for (const m of a.messages) {
        expect(m.dueAt).toBeGreaterThanOrEqual(m.sentAt)
        if (m.recvAt !== null) expect(m.recvAt).toBe(m.dueAt)
        expect(m.recvAt === null || m.droppedAt === null).toBe(true)
      }
    }
    const dropped = byId.crdt.messages.filter((m) => m.droppedAt !== null)
    expect(dropped.some((m) => m.dropReason === 'receiver-down' || m.dropReason === 'partitioned')).toBe(true)
    lecture.destroy()
  })

  test('the request rate is adjustable and 0 stops the stream', () => {
    const lecture = createLecture({ seed: 4, requestRate: 100, approaches: ['cookies'] })
    lecture.advanceTo(1_000)
    const at1s = lecture.summary().requests
    expect(at1s).toBeGreaterThan(70)
    expect(at1s).toBeLessThan(130)
    lecture.setRequestRate(0)
    lecture.advanceTo(3_000)
    expect(lecture.summary().requests).toBe(at1s)
    expect(lecture.snapshot().approaches[0].metrics.pending).toBe(0)
    lecture.destroy()
  })
})
