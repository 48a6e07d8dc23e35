import { describe, expect, test } from 'vitest'
import { describeForReplica, summarizePolicy } from '../../src/core/policy/describePolicy'
import { LinkDecider } from '../../src/core/policy/LinkDecider'
import { groupOf, linkRule, openPolicy, restrictsLinks, type NetworkPolicy } from '../../src/core/policy/NetworkPolicy'
import { heal, moveToGroup, setCut, setDelay, setLoss, splitInTwo } from '../../src/core/policy/policyEdits'

const ROOM = 'class-1'
const base = (over: Partial<NetworkPolicy> = {}): NetworkPolicy => ({ ...openPolicy(ROOM, 1), ...over })

describe('network policy: groups, cut, delay, loss', () => {
  test('groups: same group open, other group closed by the split; unlisted replicas join the first group', () => {
    const p = base({ groups: [[1, 2], [3, 4]] })
    expect(linkRule(p, 1, 2)).toEqual({ open: true, closedBy: null, delayMs: 0, loss: 0 })
    expect(linkRule(p, 2, 3).open).toBe(false)
    expect(linkRule(p, 2, 3).closedBy).toBe('split')
    expect(linkRule(p, 3, 2)).toEqual(linkRule(p, 2, 3))
    expect(groupOf(p, 99)).toBe(0)
    expect(linkRule(p, 99, 1).open).toBe(true)
    expect(linkRule(p, 99, 3).open).toBe(false)
  })

  test('cut: a cut replica reaches nobody, the others still reach each other', () => {
    const p = base({ cut: [2] })
    expect(linkRule(p, 1, 2)).toMatchObject({ open: false, closedBy: 'cut' })
    expect(linkRule(p, 2, 3)).toMatchObject({ open: false, closedBy: 'cut' })
    expect(linkRule(p, 1, 3).open).toBe(true)
    expect(restrictsLinks(p)).toBe(true)
    expect(restrictsLinks(base())).toBe(false)
  })

  test('delay and loss apply to every link, or only to links touching their group', () => {
    const all = base({ delay: { ms: 1500, group: null }, loss: { rate: 0.2, group: null } })
    expect(linkRule(all, 1, 2)).toMatchObject({ delayMs: 1500, loss: 0.2 })
    const g = base({ groups: [[1, 2], [3, 4]], delay: { ms: 700, group: 1 }, loss: { rate: 0.3, group: 0 } })
    expect(linkRule(g, 3, 4)).toMatchObject({ open: true, delayMs: 700, loss: 0 })
    expect(linkRule(g, 1, 2)).toMatchObject({ open: true, delayMs: 0, loss: 0.3 })
  })

  test('edits: split in two halves, move by dragging, cut, heal; versions always increase', () => {
    const p0 = openPolicy(ROOM)
    const p1 = splitInTwo(p0, [5, 6, 7, 8, 9], 1000)
    expect(p1.groups).toEqual([[5, 6, 7], [8, 9]])
    expect(p1.version).toBe(1000)
    const p2 = moveToGroup(p1, 5, 1, [5, 6, 7, 8, 9], 999)
    expect(p2.groups).toEqual([[6, 7], [8, 9, 5]])
    expect(p2.version).toBe(1001)
    const p3 = moveToGroup(p2, 6, 5, [5, 6, 7, 8, 9], 2000)
    expect(p3.groups).toEqual([[7], [8, 9, 5], [6]])
    // dragging the only member out of a group removes the group
    const p4 = moveToGroup(p3, 7, 1, [5, 6, 7, 8, 9], 2001)
    expect(p4.groups).toEqual([[8, 9, 5, 7], [6]])
    // with no groups yet, dragging one tile to a new group makes two groups
    expect(moveToGroup(p0, 7, 1, [5, 6, 7], 3000).groups).toEqual([[5, 6], [7]])
    const p5 = setCut(p4, 8, true, 2002)
    expect(p5.cut).toEqual([8])
    expect(setCut(p5, 8, false, 2003).cut).toEqual([])
    const healed = heal(setDelay(p5, 900, 1, 2004), 2005)
    expect(healed).toMatchObject({ groups: [], cut: [], delay: { ms: 0, group: null }, loss: { rate: 0, group: null } })
    expect(healed.version).toBeGreaterThan(p5.version)
    expect(setDelay(p0, 99_999, null, 1).delay.ms).toBe(3000)
    expect(setLoss(p0, 0.9, null, 1).loss.rate).toBe(0.5)
  })

  test('decider: closed links drop, unknown senders are dropped only when links are restricted', () => {
    const d = new LinkDecider(1, 7, ROOM)
    expect(d.decide(null)).toEqual({ deliver: true, delayMs: 0 })
    d.setPolicy(base({ groups: [[1], [2]], delay: { ms: 300, group: null } }))
    expect(d.decide(2)).toEqual({ deliver: false, reason: 'split' })
    expect(d.decide(null)).toEqual({ deliver: false, reason: 'unknown sender' })
    d.setPolicy(base({ groups: [[1, 2], [3]], cut: [2], delay: { ms: 300, group: null } }))
    expect(d.decide(2)).toEqual({ deliver: false, reason: 'cut' })
    d.setPolicy(base({ groups: [[1, 2], [3]], delay: { ms: 300, group: null } }))
    expect(d.decide(2)).toEqual({ deliver: true, delayMs: 300 })
  })

  test.each([1, 2, 3])('decider with seed %i: loss drops about the rate, the same messages for the same seed', (seed) => {
    const run = () => {
      const d = new LinkDecider(1, seed, ROOM)
      d.setPolicy(base({ loss: { rate: 0.3, group: null } }))
      return Array.from({ length: 2000 }, () => d.decide(2).deliver)
    }
    const a = run()
    expect(run()).toEqual(a)
    const dropped = a.filter((x) => !x).length / a.length
    expect(dropped).toBeGreaterThan(0.25)
    expect(dropped).toBeLessThan(0.35)
  })

  test('words for the student page and for the presenter', () => {
    expect(describeForReplica(base(), 1)).toEqual([])
    expect(describeForReplica(base({ cut: [1] }), 1)[0]).toMatch(/cut this replica off/)
    const split = describeForReplica(base({ groups: [[1, 2], [3]], delay: { ms: 1500, group: 1 } }), 3)
    expect(split[0]).toMatch(/split the class into 2 groups: you are in group 2 \(1 replica\)/)
    expect(split[1]).toMatch(/every link of your group waits 1\.5 s/)
    expect(summarizePolicy(base({ groups: [[1], [2]], cut: [3], loss: { rate: 0.2, group: null } }))).toBe(
      'split in 2 groups, 1 cut off, loss 20%',
    )
  })
})
