import { afterEach, describe, expect, test, vi } from 'vitest'
import { openPolicy } from '../../src/core/policy/NetworkPolicy'
import { tagMessage, untagMessage } from '../../src/net/broadcastTag'
import { PolicyGate } from '../../src/net/PolicyGate'

const doc = (n: number) => new Uint8Array([0, 2, n])
const awareness = new Uint8Array([1, 0])

afterEach(() => {
  vi.useRealTimers()
})

describe('the policy gate at the replica boundary', () => {
  test('broadcast tag: the sender travels with the message and is stripped; untagged messages have no sender', () => {
    const m = new Uint8Array([0, 2, 5, 9])
    expect(untagMessage(tagMessage(123456789, m))).toEqual({ sender: 123456789, payload: m })
    expect(untagMessage(m)).toEqual({ sender: null, payload: m })
  })

  test('awareness always flows; document messages across a split are dropped', () => {
    const gate = new PolicyGate(1, 1, 'r')
    gate.setPolicy({ ...openPolicy('r', 5), groups: [[1], [2]] })
    const got: unknown[] = []
    gate.admit(2, awareness, () => got.push('awareness'))
    gate.admit(2, doc(1), () => got.push('doc'))
    gate.admit(null, doc(2), () => got.push('unknown'))
    expect(got).toEqual(['awareness'])
    expect(gate.stats.dropped).toMatchObject({ split: 1, 'unknown sender': 1 })
  })

  test('delay holds document messages, in order per sender, even when the delay shrinks', () => {
    vi.useFakeTimers()
    const gate = new PolicyGate(1, 1, 'r')
    gate.setPolicy({ ...openPolicy('r', 5), delay: { ms: 1000, group: null } })
    const got: number[] = []
    gate.admit(2, doc(1), () => got.push(1))
    gate.setPolicy({ ...openPolicy('r', 6) })
    gate.admit(2, doc(2), () => got.push(2))
    gate.admit(3, doc(3), () => got.push(3))
    expect(got).toEqual([3])
    vi.advanceTimersByTime(999)
    expect(got).toEqual([3])
    vi.advanceTimersByTime(1)
    expect(got).toEqual([3, 1, 2])
    gate.destroy()
  })
})
