import * as prng from 'lib0/prng'
import { colorIndexOf, REPLICA_COLORS } from '../colors'

/**
 * Yjs clientIDs for `n` replicas, drawn from `seed`: ascending, and the i-th one has the i-th
 * colour of the palette (colors.ts colours a replica by its clientID), so A, A′, A″, A‴ get blue,
 * orange, green and purple, the most distinct colours, in every widget. Ascending matters for
 * concurrent traces: Yjs orders concurrent inserts at one position by clientID, and a trace's
 * endContent assumes its writers' ids rise with their agent numbers.
 */
export const paletteClientIds = (seed: number, n: number): number[] => {
  const gen = prng.create(seed)
  let id = prng.uint32(gen, 1 << 20, 1 << 30)
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    id++
    while (colorIndexOf(id) !== i % REPLICA_COLORS.length) id++
    out.push(id)
  }
  return out
}
