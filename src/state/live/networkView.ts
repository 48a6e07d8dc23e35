/** What the page shows about the teacher's network policy: what it does to this replica, and what was refused. */
export interface NetworkView {
  /** The policy version this replica follows; null while it follows none. */
  version: number | null
  /** What the policy does to this replica, in words (empty: the network as it is). */
  lines: string[]
  /** Control messages refused, newest first (at most 5). */
  refused: Array<{ from: number; reason: string; time: number }>
}

export const NO_NETWORK_POLICY: NetworkView = { version: null, lines: [], refused: [] }
