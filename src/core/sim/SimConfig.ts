import type { TimedAction } from './actions'
import { checkLinkParams, DEFAULT_LINK, type LinkParams } from './LinkParams'

export const MIN_REPLICAS = 2
export const MAX_REPLICAS = 32

/** A simulation's starting point. With the same config and the same actions, a run is identical. */
export interface SimConfig {
  seed: number
  /** Replicas at the start, 2 to 32. */
  replicas: number
  /** Default behaviour of every link. */
  link: LinkParams
  /** Periodic state-vector exchange: each round, every replica sends sync step 1 to one peer (round robin). */
  antiEntropy: { on: boolean; intervalMs: number }
  /** When a link comes back (heal, restore, a replica added), both ends exchange sync step 1, as y-webrtc does on connect. */
  syncOnConnect: boolean
  /** Sample the convergence series at most every this many virtual ms (0: only on demand). */
  sampleEveryMs: number
  /** Text every replica starts with (written once by a reserved writer, not sent as a message). */
  initialText: string
  /** Explicit Yjs clientIDs for the first replicas (the rest are drawn from the seed). */
  clientIds: number[]
  /** Actions the simulation schedules itself at construction (a scenario's script). */
  plan: TimedAction[]
}

export type SimConfigInput = Partial<Omit<SimConfig, 'link' | 'antiEntropy'>> & {
  link?: Partial<LinkParams>
  antiEntropy?: Partial<SimConfig['antiEntropy']>
}

/** The clientID of the writer of `initialText`; never given to a replica. */
export const GENESIS_CLIENT = 1

export const DEFAULT_AE_INTERVAL_MS = 500

/** Fills defaults and checks ranges; throws a RangeError naming what is wrong. */
export const resolveConfig = (input: SimConfigInput = {}): SimConfig => {
  const c: SimConfig = {
    seed: input.seed ?? 1,
    replicas: input.replicas ?? 3,
    link: { ...DEFAULT_LINK, ...checkLinkParams(input.link ?? {}) },
    antiEntropy: { on: input.antiEntropy?.on ?? false, intervalMs: input.antiEntropy?.intervalMs ?? DEFAULT_AE_INTERVAL_MS },
    syncOnConnect: input.syncOnConnect ?? true,
    sampleEveryMs: input.sampleEveryMs ?? 100,
    initialText: input.initialText ?? '',
    clientIds: [...(input.clientIds ?? [])],
    plan: (input.plan ?? []).map((p) => ({ at: p.at, action: p.action })),
  }
  if (!Number.isSafeInteger(c.seed)) throw new RangeError(`seed must be a safe integer, got ${c.seed}`)
  if (!(Number.isInteger(c.replicas) && c.replicas >= MIN_REPLICAS && c.replicas <= MAX_REPLICAS)) {
    throw new RangeError(`replicas must be an integer from ${MIN_REPLICAS} to ${MAX_REPLICAS}, got ${c.replicas}`)
  }
  if (!(c.antiEntropy.intervalMs > 0 && Number.isFinite(c.antiEntropy.intervalMs))) throw new RangeError('anti-entropy interval must be > 0')
  if (!(c.sampleEveryMs >= 0 && Number.isFinite(c.sampleEveryMs))) throw new RangeError('sampleEveryMs must be ≥ 0')
  const ids = new Set(c.clientIds)
  if (ids.size !== c.clientIds.length || c.clientIds.some((id) => !(Number.isInteger(id) && id > GENESIS_CLIENT && id < 2 ** 32))) {
    throw new RangeError('clientIds must be distinct integers in (1, 2^32)')
  }
  for (const p of c.plan) if (!(p.at >= 0 && Number.isFinite(p.at))) throw new RangeError(`plan time must be ≥ 0, got ${p.at}`)
  return c
}
