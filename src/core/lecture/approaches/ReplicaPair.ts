import { CrdtReplica } from '../CrdtReplica'
import type { Endpoint } from '../Endpoint'
import type { ServerId } from './Approach'

/**
 * The two stateful replicas of approaches 5 and 6, on A and A′, and their anti-entropy: whenever a
 * connection comes back (a healed partition, a restarted replica) both sides send their state
 * vectors and receive what they lack. Each replica incarnation gets a fresh clientID from `nextId`.
 */
export class ReplicaPair {
  readonly A: CrdtReplica
  readonly A2: CrdtReplica

  constructor(endpoint: (id: ServerId) => Endpoint, nextId: () => number) {
    this.A = new CrdtReplica(endpoint('A'), 'A2', nextId)
    this.A2 = new CrdtReplica(endpoint('A2'), 'A', nextId)
    for (const s of ['A', 'A2'] as const) endpoint(s).onOneWay = (msg) => this[s].receive(msg)
    this.A.start()
    this.A2.start()
  }

  get(server: ServerId): CrdtReplica {
    return this[server]
  }

  crash(server: ServerId): void {
    this[server].crash()
  }

  /** The pair's side of the shared faults: a crash or restart of a node that holds a replica, a partition between them. */
  onCrash(node: string): void {
    if (node === 'A' || node === 'A2') this.crash(node)
  }

  onRestart(node: string): void {
    if (node === 'A' || node === 'A2') this.restart(node)
  }

  /** Cuts or restores the A–A′ link; restoring runs anti-entropy. */
  partition(net: { setCut(a: string, b: string, cut: boolean): void }, cut: boolean): void {
    net.setCut('A', 'A2', cut)
    if (!cut) this.antiEntropy()
  }

  /** A replica restarts empty, then both sides run anti-entropy. */
  restart(server: ServerId): void {
    this[server].start()
    this.antiEntropy()
  }

  antiEntropy(): void {
    this.A.sync()
    this.A2.sync()
  }

  /** Equal when both are up and their state digests (state vector + delete set) match. */
  equality(): { state: boolean | null; detail: string } {
    const a = this.A.digest()
    const b = this.A2.digest()
    if (a === null || b === null) return { state: null, detail: 'A or A′ is down' }
    return { state: a === b, detail: `digest A ${a.slice(0, 8)} · A′ ${b.slice(0, 8)}` }
  }

  /**
   * Whether the cart entry survives the merge of the up replicas (what anti-entropy converges to):
   * some replica holds it, and no replica that has seen it added has deleted it since. A union
   * would count a delete that has not crossed a partition yet as a lost write.
   */
  hasItem(itemId: string): boolean {
    const up = [this.A, this.A2].filter((r) => r.up)
    let added: ReturnType<CrdtReplica['itemIdOf']> = null
    for (const r of up) added ??= r.itemIdOf(itemId)
    if (added === null) return false
    return !up.some((r) => !r.hasItem(itemId) && r.hasSeen(added))
  }

  /** The up replicas, each as a copy reads may be served from (for "not yet everywhere"). */
  copies(): Array<{ hasItem: (user: string, id: string) => boolean; counter: () => number }> {
    return [this.A, this.A2].filter((r) => r.up).map((r) => ({ hasItem: (_user: string, id: string) => r.hasItem(id), counter: () => r.counter() }))
  }

  /** The counter after merging the up replicas: per writer, the highest count any replica has seen. */
  mergedCounter(): number {
    const merged = new Map<string, number>()
    for (const r of [this.A, this.A2]) for (const [k, v] of r.counterEntries()) merged.set(k, Math.max(merged.get(k) ?? 0, v))
    let n = 0
    for (const v of merged.values()) n += v
    return n
  }

  destroy(): void {
    this.A.crash()
    this.A2.crash()
  }
}
