import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, test, vi } from 'vitest'
import * as Y from 'yjs'
import { awaitedClocks, hasClocks } from '../../src/core/awaitedClocks'
import { sharedText } from '../../src/core/schema'
import { CausalHold, HOLD_MAX_MS } from '../../src/net/CausalHold'

afterEach(() => {
  vi.useRealTimers()
})

/** y-webrtc's sync update message around `update`. */
const message = (update: Uint8Array): Uint8Array => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 2)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

/** Two writers typing at the end in turn, each update recorded: B's '.' names A's '.' as its origin. */
const twoWriters = () => {
  const a = new Y.Doc()
  a.clientID = 1
  const b = new Y.Doc()
  b.clientID = 2
  const fromA: Uint8Array[] = []
  const fromB: Uint8Array[] = []
  a.on('update', (u: Uint8Array, o: unknown) => o !== 'sync' && fromA.push(u))
  b.on('update', (u: Uint8Array, o: unknown) => o !== 'sync' && fromB.push(u))
  sharedText(a).insert(0, 'a')
  Y.applyUpdate(b, fromA[0], 'sync')
  sharedText(b).insert(1, 'b')
  return { fromA, fromB }
}

describe('awaitedClocks: an update that overtook the one it builds on', () => {
  test("names the other writer's clock it needs, and nothing once that has arrived", () => {
    const { fromA, fromB } = twoWriters()
    const replica = new Y.Doc()
    const awaited = awaitedClocks(replica, Y.decodeUpdate(fromB[0]))
    expect(awaited).toEqual(new Map([[1, 1]]))
    expect(hasClocks(replica, awaited!)).toBe(false)
    Y.applyUpdate(replica, fromA[0])
    expect(hasClocks(replica, awaited!)).toBe(true)
    expect(awaitedClocks(replica, Y.decodeUpdate(fromB[0]))).toBeNull()
  })

  test('an update with a gap in its own clocks, or one that fits, waits for nothing here', () => {
    const w = new Y.Doc()
    const updates: Uint8Array[] = []
    w.on('update', (u: Uint8Array) => updates.push(u))
    sharedText(w).insert(0, 'x')
    sharedText(w).insert(1, 'y')
    const replica = new Y.Doc()
    expect(awaitedClocks(replica, Y.decodeUpdate(updates[1]))).toBeNull()
    expect(awaitedClocks(replica, Y.decodeUpdate(updates[0]))).toBeNull()
  })
})

describe('CausalHold', () => {
  test('holds an update until the one it builds on is applied, and what came after it from the same source; other sources pass', async () => {
    const { fromA, fromB } = twoWriters()
    const replica = new Y.Doc()
    const hold = new CausalHold(replica)
    const read: string[] = []
    hold.offer('b', message(fromB[0]), () => {
      read.push('b1')
      Y.applyUpdate(replica, fromB[0])
    })
    hold.offer('b', new Uint8Array([1, 0]), () => read.push('b2 (awareness, after b1)'))
    expect(read).toEqual([])
    expect(hold.waiting).toBe(2)
    hold.offer('a', message(fromA[0]), () => {
      read.push('a1')
      Y.applyUpdate(replica, fromA[0])
    })
    expect(read).toEqual(['a1'])
    await Promise.resolve()
    expect(read).toEqual(['a1', 'b1', 'b2 (awareness, after b1)'])
    expect(hold.waiting).toBe(0)
    // Nothing went pending: B's update fitted when it was read.
    expect(replica.store.pendingStructs).toBeNull()
    expect(sharedText(replica).toString()).toBe('ab')
    hold.destroy()
  })

  test('an update whose awaited one never comes is read after HOLD_MAX_MS (Yjs keeps it pending, as before)', () => {
    vi.useFakeTimers()
    const { fromB } = twoWriters()
    const replica = new Y.Doc()
    let now = 0
    const hold = new CausalHold(replica, () => now)
    let read = 0
    hold.offer('b', message(fromB[0]), () => {
      read++
      Y.applyUpdate(replica, fromB[0])
    })
    now = HOLD_MAX_MS - 1
    vi.advanceTimersByTime(HOLD_MAX_MS - 1)
    expect(read).toBe(0)
    now = HOLD_MAX_MS
    vi.advanceTimersByTime(1)
    expect(read).toBe(1)
    expect(replica.store.pendingStructs).not.toBeNull()
    hold.destroy()
  })

  test('anything that waits for nothing is read at once; destroy reads nothing more', () => {
    const { fromA, fromB } = twoWriters()
    const replica = new Y.Doc()
    const hold = new CausalHold(replica)
    let read = 0
    hold.offer('x', message(fromA[0]), () => read++)
    hold.offer('x', new Uint8Array([1, 2, 3]), () => read++)
    expect(read).toBe(2)
    hold.offer('y', message(fromB[0]), () => read++)
    hold.destroy()
    Y.applyUpdate(replica, fromA[0])
    expect(read).toBe(2)
  })
})
