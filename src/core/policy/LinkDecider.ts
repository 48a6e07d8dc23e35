import * as prng from 'lib0/prng'
import { linkRule, type NetworkPolicy, openPolicy, restrictsLinks } from './NetworkPolicy'

export type Decision =
  | { deliver: true; delayMs: number }
  | { deliver: false; reason: 'cut' | 'split' | 'loss' | 'unknown sender' }

/**
 * One replica's decisions about the document messages it receives, under the policy in force.
 * Loss draws from a seeded PRNG (lib0/prng), so a run with the same seed and the same messages
 * drops the same ones. No timers: the caller holds a delayed message for `delayMs`.
 */
export class LinkDecider {
  private p: NetworkPolicy
  private gen: prng.PRNG

  constructor(
    readonly self: number,
    seed: number,
    room = '',
  ) {
    this.p = openPolicy(room)
    this.gen = prng.create(seed)
  }

  get policy(): NetworkPolicy {
    return this.p
  }

  setPolicy(p: NetworkPolicy): void {
    this.p = p
  }

  /** What to do with a document message from `sender` (null when the transport cannot tell who sent it). */
  decide(sender: number | null): Decision {
    if (sender === null) {
      if (restrictsLinks(this.p)) return { deliver: false, reason: 'unknown sender' }
      const everyone = { ...this.p, groups: [], cut: [] }
      return this.draw(linkRule(everyone, this.self, this.self + 1))
    }
    const rule = linkRule(this.p, sender, this.self)
    if (!rule.open) return { deliver: false, reason: rule.closedBy! }
    return this.draw(rule)
  }

  private draw(rule: { delayMs: number; loss: number }): Decision {
    if (rule.loss > 0 && prng.real53(this.gen) < rule.loss) return { deliver: false, reason: 'loss' }
    return { deliver: true, delayMs: rule.delayMs }
  }
}
