import * as encoding from 'lib0/encoding'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { type BatcherClock, UpdateBatcher } from '../../src/core/UpdateBatcher'
import { IncomingBatches } from '../../src/net/IncomingBatches'

/** A clock whose timers are a queue the test runs. */
const manualClock = () => {
  let now = 0
  const timers: Array<{ at: number; f: () => void }> = []
  const clock: BatcherClock = { now: () => now, schedule: (f, ms) => timers.push({ at: now + ms, f }) }
  const advance = (ms: number) => {
    now += ms
    for (const t of timers.splice(0).sort((a, b) => a.at - b.at)) {
      if (t.at <= now) t.f()
      else timers.push(t)
    }
  }
  return { clock, advance, timers }
}

/** One writer typing `n` characters, one update each. */
const keystrokes = (n: number): Uint8Array[] => {
  const w = new Y.Doc()
  const out: Uint8Array[] = []
  w.on('update', (u: Uint8Array) => out.push(u))
  for (let i = 0; i < n; i++) w.getText('text').insert(i, String(i % 10))
  return out
}

describe('UpdateBatcher', () => {
  test('passes an update after a quiet interval straight through, and merges a burst into one delivery per interval', () => {
    const { clock, advance } = manualClock()
    const delivered: Uint8Array[] = []
    const b = new UpdateBatcher(clock, (u) => delivered.push(u), 16)
    const updates = keystrokes(1000)
    const direct: Uint8Array[] = []
    // 1,000 updates over one second: one a millisecond.
    for (const u of updates) {
      if (!b.offer(u)) direct.push(u)
      advance(1)
    }
    advance(100)
    expect(direct.length + delivered.length).toBeLessThanOrEqual(Math.ceil(1000 / 16) + 2)
    expect(direct.length).toBe(1)
    const doc = new Y.Doc()
    for (const u of [...direct, ...delivered]) Y.applyUpdate(doc, u)
    const whole = new Y.Doc()
    for (const u of updates) Y.applyUpdate(whole, u)
    expect(doc.getText('text').toString()).toBe(whole.getText('text').toString())
  })

  test('typing at ten keys a second is never held', () => {
    const { clock, advance } = manualClock()
    const b = new UpdateBatcher(clock, () => {
      throw new Error('nothing should be held')
    })
    for (const u of keystrokes(20)) {
      expect(b.offer(u)).toBe(false)
      advance(100)
    }
  })
})

describe('IncomingBatches', () => {
  const updateMessage = (u: Uint8Array) => {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint(e, 2)
    encoding.writeVarUint8Array(e, u)
    return encoding.toUint8Array(e)
  }

  test('holds sync updates per source, lets other messages through after what is held', () => {
    const { clock, advance } = manualClock()
    const batches = new IncomingBatches(clock)
    const seen: string[] = []
    const deliver = (source: string) => (m: Uint8Array) => seen.push(`${source}:${m[0]}/${m[1]}`)
    const [u1, u2, u3] = keystrokes(3)
    expect(batches.offer('a', updateMessage(u1), deliver('a'))).toBe(false)
    expect(batches.offer('a', updateMessage(u2), deliver('a'))).toBe(true)
    expect(batches.offer('b', updateMessage(u3), deliver('b'))).toBe(false)
    // An awareness message from a: what a holds goes first.
    expect(batches.offer('a', Uint8Array.of(1, 0), deliver('a'))).toBe(false)
    expect(seen).toEqual(['a:0/2'])
    advance(50)
    expect(seen).toEqual(['a:0/2'])
  })
})
