import * as Y from 'yjs'

/** An update may run ahead of what its writer has shown by this many clocks before it is called far-fetched. */
export const FAR_CLOCK_GAP = 1000

export interface ClockClaim {
  client: number
  /** The first clock the update claims for `client`. */
  clock: number
  /** The highest clock this replica holds or has been told of (in awareness) for `client`. */
  known: number
}

/**
 * Writers whose structs in `decoded` start far beyond anything this replica holds or any replica
 * has published for them: an update "from the future" that would sit pending for ever and make
 * every replica look behind. `known(client)` is the best clock known for that writer.
 */
export const farClockClaims = (decoded: ReturnType<typeof Y.decodeUpdate>, known: (client: number) => number, gap = FAR_CLOCK_GAP): ClockClaim[] => {
  const first = new Map<number, number>()
  for (const s of decoded.structs) {
    const c = s.id.client
    const prev = first.get(c)
    if (prev === undefined || s.id.clock < prev) first.set(c, s.id.clock)
  }
  const out: ClockClaim[] = []
  for (const [client, clock] of first) {
    const k = known(client)
    if (clock > k + gap) out.push({ client, clock, known: k })
  }
  return out
}
