import { type Decision, LinkDecider } from '../core/policy/LinkDecider'
import type { NetworkPolicy } from '../core/policy/NetworkPolicy'

/** y-webrtc's message type for document traffic (sync steps and updates). */
const MESSAGE_SYNC = 0

export interface GateStats {
  delivered: number
  delayed: number
  dropped: Record<Extract<Decision, { deliver: false }>['reason'], number>
}

/**
 * The teacher's policy at this replica's boundary: every message received from another replica
 * passes `admit` before it is checked and read. Document messages are dropped or held back as the
 * policy says; everything else (awareness: who is here, their digests, the policy itself) always
 * flows, so the wall keeps seeing a cut-off replica and the cut-off replica still hears "Heal".
 * Messages from one sender stay in order: a message is never delivered before an earlier one from
 * the same sender, even when the delay shrinks.
 */
export class PolicyGate {
  private decider: LinkDecider
  private due = new Map<string, number>()
  private timers = new Set<ReturnType<typeof setTimeout>>()
  readonly stats: GateStats = { delivered: 0, delayed: 0, dropped: { cut: 0, split: 0, loss: 0, 'unknown sender': 0 } }

  constructor(self: number, seed: number, room: string) {
    this.decider = new LinkDecider(self, seed, room)
  }

  get policy(): NetworkPolicy {
    return this.decider.policy
  }

  setPolicy(p: NetworkPolicy): void {
    this.decider.setPolicy(p)
  }

  admit(sender: number | null, data: unknown, deliver: () => void): void {
    const first = data instanceof Uint8Array ? data[0] : data instanceof ArrayBuffer ? new Uint8Array(data)[0] : undefined
    if (first !== MESSAGE_SYNC) {
      deliver()
      return
    }
    const d = this.decider.decide(sender)
    if (!d.deliver) {
      this.stats.dropped[d.reason]++
      return
    }
    const key = String(sender)
    const now = Date.now()
    const at = Math.max(now + d.delayMs, this.due.get(key) ?? 0)
    if (at <= now) {
      this.stats.delivered++
      deliver()
      return
    }
    this.due.set(key, at)
    this.stats.delayed++
    const t = setTimeout(() => {
      this.timers.delete(t)
      if (this.due.get(key) === at) this.due.delete(key)
      this.stats.delivered++
      deliver()
    }, at - now)
    this.timers.add(t)
  }

  destroy(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }
}
