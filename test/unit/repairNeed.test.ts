import { describe, expect, test } from 'vitest'
import { RepairNeed } from '../../src/core/RepairNeed'

const at = (sv: Record<string, number>, digest = JSON.stringify(sv)) => ({ sv, digest })

describe('RepairNeed: anti-entropy only for what the flow did not bring', () => {
  test('a busy room whose updates arrive is never repaired, however often the states differ', () => {
    const need = new RepairNeed()
    // Each check: the peer is ahead by what it typed since, and we have caught up with what it published before.
    for (let t = 1; t < 20; t++) expect(need.due(at({ 1: t * 10, 2: t * 10 - 3 }), [{ clientID: 2, state: at({ 1: t * 10 - 2, 2: t * 10 }) }])).toBe(false)
  })

  test('updates a peer published one check ago and still missing: due, until they arrive', () => {
    const need = new RepairNeed()
    expect(need.due(at({ 1: 5 }), [{ clientID: 2, state: at({ 1: 5, 2: 8 }) }])).toBe(false)
    // Lost: we still have nothing of replica 2's, a check later.
    expect(need.due(at({ 1: 6 }), [{ clientID: 2, state: at({ 1: 6, 2: 9 }) }])).toBe(true)
    // Only part arrived: still due (2:9 was published).
    expect(need.due(at({ 1: 6, 2: 8 }), [{ clientID: 2, state: at({ 1: 6, 2: 9 }) }])).toBe(true)
    expect(need.due(at({ 1: 6, 2: 9 }), [{ clientID: 2, state: at({ 1: 6, 2: 9 }) }])).toBe(false)
  })

  test('same inserts, other deletions: due when it holds over two checks with nothing changing', () => {
    const need = new RepairNeed()
    const sv = { 1: 4, 2: 4 }
    expect(need.due(at(sv, 'a'), [{ clientID: 2, state: at(sv, 'b') }])).toBe(false)
    expect(need.due(at(sv, 'a'), [{ clientID: 2, state: at(sv, 'b') }])).toBe(true)
    // A deletion in flight (the peer's digest moved since): not yet.
    expect(need.due(at(sv, 'a'), [{ clientID: 2, state: at(sv, 'c') }])).toBe(false)
    expect(need.due(at(sv, 'c'), [{ clientID: 2, state: at(sv, 'c') }])).toBe(false)
  })

  test('a peer seen for the first time is remembered, not repaired at once; a gone peer is forgotten', () => {
    const need = new RepairNeed()
    expect(need.due(at({}), [{ clientID: 2, state: at({ 2: 3 }) }])).toBe(false)
    expect(need.due(at({}), [])).toBe(false)
    // Back after an absence: remembered afresh.
    expect(need.due(at({}), [{ clientID: 2, state: at({ 2: 3 }) }])).toBe(false)
    expect(need.due(at({}), [{ clientID: 2, state: at({ 2: 3 }) }])).toBe(true)
  })
})
