import * as prng from 'lib0/prng'
import type { AppRequest, AppResponse } from '../cart'
import type { Authority } from '../Ledger'
import type { FaultKind } from '../types'
import { Approach, type ApproachContext, type ServerId } from './Approach'
import { ReplicaPair } from './ReplicaPair'

/**
 * Approach 5: CRDT replicas. A and A′ each keep the whole state in a Y.Doc, answer from it at once
 * and send every change to the other. Updates commute, so the replicas converge whatever the order;
 * after a partition or a restart they exchange state vectors and catch up (anti-entropy). A = A′
 * holds whenever no update is in flight. The price: while A and A′ cannot talk, each answers from
 * what it has (stale reads), and a replica that dies before sending its changes loses them.
 */
export class CrdtApproach extends Approach {
  private readonly pair: ReplicaPair

  constructor(ctx: ApproachContext) {
    super('crdt', ctx, [], [{ a: 'A', b: 'A2', latencyMs: ctx.cfg.serverServerMs }], ['partition'])
    this.pair = new ReplicaPair(
      (s) => this.endpoint(s),
      () => prng.uint32(this.rng, 1, 0x7fffffff),
    )
  }

  protected handle(server: ServerId, req: AppRequest, _carried: unknown, respond: (r: AppResponse) => void): void {
    const view = this.pair.get(server).execute(req.user, req.op)
    if (req.op.kind !== 'read') this.metrics.executed(req)
    respond(view === null ? { status: 'ok' } : { status: 'ok', view })
  }

  protected injectOwn(fault: FaultKind): void {
    if (fault === 'partition') this.pair.partition(this.net, true)
  }

  protected recoverOwn(fault: FaultKind): void {
    if (fault === 'partition') this.pair.partition(this.net, false)
  }

  protected onCrash(node: string): void {
    this.pair.onCrash(node)
  }

  protected onRestart(node: string): void {
    this.pair.onRestart(node)
  }

  protected authority(): Authority {
    return { hasItem: (_user, id) => this.pair.hasItem(id), counter: () => this.pair.mergedCounter(), copies: () => this.pair.copies() }
  }

  protected nodeBytes(node: string): number {
    return node === 'A' || node === 'A2' ? this.pair.get(node).bytes() : 0
  }

  /** The replicas' state digests, for checking convergence. */
  digests(): { A: string | null; A2: string | null } {
    return { A: this.pair.A.digest(), A2: this.pair.A2.digest() }
  }

  stateEquality(): { state: boolean | null; detail: string } {
    return this.pair.equality()
  }

  destroy(): void {
    this.pair.destroy()
  }
}
