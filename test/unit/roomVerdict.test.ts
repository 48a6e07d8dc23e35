import { describe, expect, test } from 'vitest'
import { roomVerdict } from '../../src/state/present/roomVerdict'
import type { Tile } from '../../src/state/present/tiles'

const tile = (clientID: number, over: Partial<Tile> = {}): Tile => ({
  clientID,
  name: `P${clientID}`,
  color: '#000',
  isSelf: clientID === 1,
  digest: 'd',
  updates: 3,
  verdict: clientID === 1 ? 'self' : 'equal',
  difference: null,
  reference: null,
  info: null,
  presence: 'here',
  wentOffline: false,
  lastSeen: 0,
  group: 0,
  cut: false,
  following: true,
  tab: 1,
  via: null,
  ...over,
})

describe('the wall’s verdict lines', () => {
  test('many tiles lacking the same edits say it once; other lines follow, then "and N more"', () => {
    const same = (id: number) => tile(id, { verdict: 'differs', difference: "Teacher has not seen 13 of Oto's edits" })
    const v = roomVerdict([tile(1), same(2), same(3), same(4), same(5), tile(6)])
    expect(v.headline).toBe('4 of 6 differ')
    expect(v.details).toEqual(["Teacher has not seen 13 of Oto's edits"])
    const mixed = roomVerdict([tile(1), same(2), same(3), tile(4, { verdict: 'differs', difference: 'a' }), tile(5, { verdict: 'differs', difference: 'b' }), tile(6, { verdict: 'differs', difference: 'c' })])
    expect(mixed.details).toEqual(["Teacher has not seen 13 of Oto's edits", 'a', 'and 2 more replicas differ'])
    expect(roomVerdict([tile(1), same(2), tile(3, { verdict: 'differs', difference: 'x' }), tile(4, { verdict: 'differs', difference: 'y' }), tile(5, { verdict: 'differs', difference: 'z' })]).details).toEqual([
      "Teacher has not seen 13 of Oto's edits",
      'x',
      'and 2 more replicas differ',
    ])
    expect(roomVerdict([tile(1), same(2), tile(3, { verdict: 'differs', difference: 'x' }), tile(4, { verdict: 'differs', difference: 'y' })]).details).toEqual([
      "Teacher has not seen 13 of Oto's edits",
      'x',
      'y',
    ])
    expect(roomVerdict([tile(1), same(2), tile(3, { verdict: 'differs', difference: 'x' }), tile(4, { verdict: 'differs', difference: 'y' }), tile(5, { verdict: 'differs', difference: 'y' }), tile(6, { verdict: 'differs', difference: 'q' })]).details.at(-1)).toBe('and 3 more replicas differ')
    // one more distinct line left over: "1 more replica differs", in the singular
    expect(roomVerdict([tile(1), tile(2, { verdict: 'differs', difference: 'a' }), tile(3, { verdict: 'differs', difference: 'b' }), tile(4, { verdict: 'differs', difference: 'c' }), tile(5, { verdict: 'differs', difference: 'c' })]).details.at(-1)).toBe(
      'and 2 more replicas differ',
    )
  })
})
