import { type AppRequest, type AppResponse, type CartItem, jsonBytes, RPC_BYTES, type UserId, type View } from '../cart'
import { CacheStore } from '../CacheStore'
import { Database, type Written } from '../Database'
import type { Authority } from '../Ledger'
import type { FaultKind } from '../types'
import { Approach, type ApproachContext, type ServerId } from './Approach'
import { dbKind } from './SharedDbApproach'

type CacheId = 'K1' | 'K2'
const CACHES: readonly CacheId[] = ['K1', 'K2']
/** Each server reads from its own nearby cache node. */
const HOME: Record<ServerId, CacheId> = { A: 'K1', A2: 'K2' }

const cartKey = (user: UserId): string => `cart:${user}`
const COUNTER_KEY = 'counter'

type Entries = ReadonlyArray<readonly [string, unknown]>

const entriesOf = (user: UserId, w: Written): Entries => {
  const out: Array<readonly [string, unknown]> = []
  if (w.cart !== undefined) out.push([cartKey(user), w.cart])
  if (w.counter !== undefined) out.push([COUNTER_KEY, w.counter])
  return out
}

/**
 * Approach 2: the same stateless servers and database, with an in-memory cache node in front of it
 * for each server (A reads K1, A′ reads K2). A read that hits the cache skips the database; a miss
 * reads the database and fills the cache. A write goes to the database, then is written through to
 * both cache nodes. Cache-aside without versions: a fill that arrives after a newer write-through
 * leaves a stale entry until the next write or its expiry, and a stale read is counted. A killed
 * cache node comes back empty; meanwhile its server's reads all go to the database. A partition
 * splits {A, K1} from {A′, K2} (both still reach the database): each server's write-through reaches
 * only its own side's cache, so the other cache keeps serving old values, even after healing, until
 * the key is written again or expires.
 */
export class CacheApproach extends Approach {
  private readonly db = new Database()
  private readonly stores: Record<CacheId, CacheStore> = { K1: new CacheStore(), K2: new CacheStore() }
  private readonly avoidCache = new Map<ServerId, number>()
  hits = 0
  misses = 0

  constructor(ctx: ApproachContext) {
    const c = ctx.cfg
    super(
      'cache',
      ctx,
      [
        { id: 'K1', kind: 'cache', label: 'cache K1' },
        { id: 'K2', kind: 'cache', label: 'cache K2' },
        { id: 'DB', kind: 'db', label: 'DB' },
      ],
      [
        { a: 'A', b: 'K1', latencyMs: c.serverCacheMs },
        { a: 'A', b: 'K2', latencyMs: c.serverCacheMs },
        { a: 'A2', b: 'K1', latencyMs: c.serverCacheMs },
        { a: 'A2', b: 'K2', latencyMs: c.serverCacheMs },
        { a: 'A', b: 'DB', latencyMs: c.serverDbMs },
        { a: 'A2', b: 'DB', latencyMs: c.serverDbMs },
      ],
      ['kill-db', 'kill-cache', 'partition'],
    )
    this.endpoint('DB').onCall = (msg, respond) => {
      const { req } = msg.payload as { req: AppRequest }
      this.metrics.executed(req)
      const r = this.db.execute(req.user, req.op)
      respond(r, RPC_BYTES + (r.view === null ? jsonBytes(r.written) : jsonBytes(r.view)))
    }
    for (const k of CACHES) {
      const store = this.stores[k]
      this.endpoint(k).onCall = (msg, respond) => {
        const keys = msg.payload as readonly string[]
        const values = keys.map((key) => store.get(key, this.sched.now))
        respond(values, RPC_BYTES + values.reduce<number>((s, v) => s + (v === undefined ? 0 : jsonBytes(v)), 0))
      }
      this.endpoint(k).onOneWay = (msg) => {
        for (const [key, value] of msg.payload as Entries) store.set(key, value, this.sched.now + this.cfg.cacheTtlMs)
      }
    }
  }

  protected handle(server: ServerId, req: AppRequest, _carried: unknown, respond: (r: AppResponse) => void): void {
    if (req.op.kind !== 'read') {
      this.callDb(server, req, (r) => {
        if (r === null) return respond({ status: 'error', reason: 'db-unavailable' })
        respond({ status: 'ok' })
        const entries = entriesOf(req.user, r.written)
        for (const k of CACHES) this.endpoint(server).sendOneWay(k, 'cache.set', entries, RPC_BYTES + jsonBytes(entries))
      })
      return
    }
    const home = HOME[server]
    const fromDb = (fill: boolean): void =>
      this.callDb(server, req, (r) => {
        if (r === null || r.view === null) return respond({ status: 'error', reason: 'db-unavailable' })
        respond({ status: 'ok', view: r.view })
        if (fill) {
          const entries = entriesOf(req.user, { cart: r.view.cart, counter: r.view.counter })
          this.endpoint(server).sendOneWay(home, 'cache.set', entries, RPC_BYTES + jsonBytes(entries))
        }
      })
    if ((this.avoidCache.get(server) ?? 0) > this.sched.now) {
      this.misses++
      fromDb(false)
      return
    }
    const keys = [cartKey(req.user), COUNTER_KEY]
    this.endpoint(server).call(home, 'cache.get', keys, RPC_BYTES + jsonBytes(keys), this.cfg.cacheTimeoutMs, (reply) => {
      if (reply === null) this.avoidCache.set(server, this.sched.now + this.cfg.suspectMs)
      const values = reply?.ok ? (reply.payload as unknown[]) : null
      if (values !== null && values[0] !== undefined && values[1] !== undefined) {
        this.hits++
        respond({ status: 'ok', view: { cart: values[0] as readonly CartItem[], counter: values[1] as number } })
      } else {
        this.misses++
        fromDb(values !== null)
      }
    })
  }

  private callDb(server: ServerId, req: AppRequest, cb: (r: { view: View | null; written: Written } | null) => void): void {
    this.endpoint(server).call('DB', dbKind(req.op), { req }, RPC_BYTES + jsonBytes(req.op), this.cfg.dbTimeoutMs, (reply) =>
      cb(reply?.ok ? (reply.payload as { view: View | null; written: Written }) : null),
    )
  }

  protected injectOwn(fault: FaultKind): void {
    if (fault === 'kill-db') this.crashNode('DB')
    if (fault === 'kill-cache') this.crashNode('K1')
    if (fault === 'partition') this.cutAcross(true)
  }

  protected recoverOwn(fault: FaultKind): void {
    if (fault === 'kill-db') this.restartNode('DB')
    if (fault === 'kill-cache') this.restartNode('K1')
    if (fault === 'partition') this.cutAcross(false)
  }

  private cutAcross(cut: boolean): void {
    this.net.setCut('A', 'K2', cut)
    this.net.setCut('A2', 'K1', cut)
  }

  protected onCrash(node: string): void {
    if (node === 'K1' || node === 'K2') this.stores[node].clear()
  }

  protected authority(): Authority {
    return { hasItem: (user, id) => this.db.hasItem(user, id), counter: () => this.db.counter }
  }

  protected nodeBytes(node: string): number {
    if (node === 'DB') return this.db.bytes
    if (node === 'K1' || node === 'K2') return this.stores[node].bytes(this.sched.now)
    return 0
  }

  extras(): Record<string, number> {
    return { cacheHits: this.hits, cacheMisses: this.misses }
  }

  /** A and A′ hold nothing themselves, but each reads its own cache: equal when the two caches agree on every key both hold. */
  stateEquality(): { state: boolean | null; detail: string } {
    if (!this.net.isUp('A') || !this.net.isUp('A2')) return { state: null, detail: 'A or A′ is down' }
    const now = this.sched.now
    const k1 = this.stores.K1.live(now)
    let differ = 0
    for (const [key, v2] of this.stores.K2.live(now)) {
      if (!k1.has(key)) continue
      const v1 = k1.get(key)
      if (v1 !== v2 && JSON.stringify(v1) !== JSON.stringify(v2)) differ++
    }
    return {
      state: differ === 0,
      detail: differ === 0 ? 'caches K1 (A) and K2 (A′) agree' : `caches K1 (A) and K2 (A′) disagree on ${differ} key(s)`,
    }
  }
}
