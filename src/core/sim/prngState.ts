import type * as prng from 'lib0/prng'

/** A lib0 PRNG's whole state (Xoroshiro128plus: four 32-bit words and which half comes next). */
export interface PrngState {
  words: [number, number, number, number]
  fresh: boolean
}

interface Xoroshiro {
  state: Uint32Array
  _fresh: boolean
}

/** Copies the state of `gen` (a lib0/prng generator): restoring it replays the same draws. */
export const savePrng = (gen: prng.PRNG): PrngState => {
  const g = gen as unknown as Xoroshiro
  return { words: [g.state[0], g.state[1], g.state[2], g.state[3]], fresh: g._fresh }
}

export const loadPrng = (gen: prng.PRNG, s: PrngState): void => {
  const g = gen as unknown as Xoroshiro
  g.state.set(s.words)
  g._fresh = s.fresh
}
