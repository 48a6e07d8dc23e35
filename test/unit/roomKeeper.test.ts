import { describe, expect, test } from 'vitest'
import { RoomKeeper } from '../../src/app/live/RoomKeeper'

/** Web Locks as a browser grants them: one holder per name, the rest queued in order. */
const fakeLocks = () => {
  const queues = new Map<string, Array<() => void>>()
  const request = (name: string, callback: () => Promise<void> | undefined): Promise<void> =>
    new Promise((resolve) => {
      const grant = () => {
        void Promise.resolve(callback()).then(() => {
          resolve()
          const q = queues.get(name) ?? []
          q.shift()
          q[0]?.()
        })
      }
      const q = queues.get(name) ?? []
      queues.set(name, q)
      q.push(grant)
      if (q.length === 1) queueMicrotask(grant)
    })
  return { request } as unknown as LockManager
}

const settle = () => new Promise((r) => setTimeout(r, 0))

describe('RoomKeeper', () => {
  test('one tab of a room keeps; when it goes, the next takes over and is told', async () => {
    const locks = fakeLocks()
    const told: string[] = []
    const a = new RoomKeeper(locks, 'r', () => told.push('a'))
    const b = new RoomKeeper(locks, 'r', () => told.push('b'))
    const other = new RoomKeeper(locks, 'another room', () => told.push('other'))
    await settle()
    expect([a.keeper, b.keeper, other.keeper]).toEqual([true, false, true])
    expect(told).toEqual(['a', 'other'])
    a.destroy()
    await settle()
    expect([a.keeper, b.keeper]).toEqual([false, true])
    expect(told).toEqual(['a', 'other', 'b'])
  })

  test('a tab that closed before its turn never becomes keeper', async () => {
    const locks = fakeLocks()
    const told: string[] = []
    const a = new RoomKeeper(locks, 'r', () => told.push('a'))
    const b = new RoomKeeper(locks, 'r', () => told.push('b'))
    const c = new RoomKeeper(locks, 'r', () => told.push('c'))
    await settle()
    b.destroy()
    a.destroy()
    await settle()
    await settle()
    expect([b.keeper, c.keeper]).toEqual([false, true])
    expect(told).toEqual(['a', 'c'])
  })

  test('without Web Locks every tab keeps', () => {
    const a = new RoomKeeper(null, 'r', () => {})
    const b = new RoomKeeper(null, 'r', () => {})
    expect([a.keeper, b.keeper]).toEqual([true, true])
  })
})
