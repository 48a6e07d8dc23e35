import * as prng from 'lib0/prng'
import { describe, expect, test } from 'vitest'
import {
  type ColorClaim,
  MAX_COLORS,
  REPLICA_COLORS,
  chooseColorIndex,
  colorAt,
  colorIndexOfCss,
  shownColor,
  replicaColor,
} from '../../src/core/colors'

const shuffled = (gen: prng.PRNG, n: number): number[] => {
  const a = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = prng.int32(gen, 0, i)
    ;[a[i], a[j]] = [a[j], a[i]]
  }
  return a
}

/** Runs every replica's choice on the others' current claims until nobody changes (as awareness rounds would). */
const settle = (claims: ColorClaim[], order: (n: number) => number[]): { claims: ColorClaim[]; rounds: number } => {
  let cur = claims.map((c) => ({ ...c }))
  for (let round = 1; round <= claims.length + 2; round++) {
    let changed = false
    for (const i of order(cur.length)) {
      const next = chooseColorIndex(cur[i], cur)
      if (next !== cur[i].color) {
        cur = cur.map((c, j) => (j === i ? { ...c, color: next } : c))
        changed = true
      }
    }
    if (!changed) return { claims: cur, rounds: round }
  }
  return { claims: cur, rounds: Number.POSITIVE_INFINITY }
}

describe('colorAt', () => {
  test('the palette first, then distinct generated colours, none reused below MAX_COLORS', () => {
    expect(colorAt(0)).toBe(REPLICA_COLORS[0])
    const all = Array.from({ length: MAX_COLORS }, (_, i) => colorAt(i))
    expect(new Set(all).size).toBe(MAX_COLORS)
    for (let i = 0; i < MAX_COLORS; i++) expect(colorIndexOfCss(colorAt(i))).toBe(i)
    expect(colorIndexOfCss('red')).toBeNull()
    expect(colorIndexOfCss(3)).toBeNull()
    expect(shownColor(5, 'expression(alert(1))')).toBe(replicaColor(5))
    expect(shownColor(5, colorAt(20))).toBe(colorAt(20))
  })
})

describe('chooseColorIndex', () => {
  test('newcomers take colours in the order they joined: blue, orange, green', () => {
    const a: ColorClaim = { clientID: 900, color: null, joined: 1 }
    const aColor = chooseColorIndex(a, [])
    expect(aColor).toBe(0)
    const b: ColorClaim = { clientID: 5, color: null, joined: 2 }
    expect(chooseColorIndex(b, [{ ...a, color: aColor }])).toBe(1)
  })

  test('two replicas that joined at once with the same colour: the later (then the higher id) moves', () => {
    const a: ColorClaim = { clientID: 10, color: 0, joined: 100 }
    const b: ColorClaim = { clientID: 20, color: 0, joined: 100 }
    expect(chooseColorIndex(a, [b])).toBe(0)
    expect(chooseColorIndex(b, [a])).toBe(1)
    // An established replica keeps its colour even when a lower-id newcomer claims it.
    const old: ColorClaim = { clientID: 99, color: 0, joined: 50 }
    const young: ColorClaim = { clientID: 1, color: 0, joined: 60 }
    expect(chooseColorIndex(old, [young])).toBe(0)
    expect(chooseColorIndex(young, [old])).toBe(1)
  })

  for (const seed of [1, 2, 3, 42, 1337, 90210]) {
    test(`with seed ${seed}: any room up to MAX_COLORS settles on distinct colours, the earliest never moving`, () => {
      const gen = prng.create(seed)
      const n = prng.int32(gen, 2, 40)
      const claims: ColorClaim[] = Array.from({ length: n }, (_, i) => ({
        clientID: prng.uint32(gen, 0, 2 ** 32 - 1) + i,
        color: prng.bool(gen) ? null : prng.int32(gen, 0, 5),
        joined: prng.int32(gen, 0, 20),
      }))
      const earliest = [...claims].sort((x, y) => x.joined - y.joined || x.clientID - y.clientID)[0]
      const { claims: out, rounds } = settle(claims, (len) => shuffled(gen, len))
      expect(rounds).toBeLessThanOrEqual(n + 1)
      expect(new Set(out.map((c) => c.color)).size).toBe(n)
      const first = out.find((c) => c.clientID === earliest.clientID)!
      expect(first.color).toBe(earliest.color ?? 0)
    })
  }
})
