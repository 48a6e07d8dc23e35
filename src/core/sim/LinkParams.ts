/**
 * How one directed link behaves. Probabilities are in [0, 1]; times are virtual milliseconds.
 * - `latencyMs`: base one-way delay; `jitterMs`: an extra delay drawn uniformly in [0, jitterMs).
 * - `loss`: chance a message is lost in transit (recorded as dropped at its would-be arrival time).
 * - `duplicate`: chance the network delivers a second copy (its own delay, marked as a duplicate).
 * - `reorder`: chance a message leaves the link's FIFO order and takes an extra delay, so later
 *   messages overtake it. With `reorder` 0 a link is FIFO: no message overtakes an earlier one
 *   on the same directed link, whatever the jitter.
 */
export interface LinkParams {
  latencyMs: number
  jitterMs: number
  loss: number
  duplicate: number
  reorder: number
}

export const DEFAULT_LINK: Readonly<LinkParams> = Object.freeze({
  latencyMs: 50,
  jitterMs: 0,
  loss: 0,
  duplicate: 0,
  reorder: 0,
})

const PROBABILITIES = ['loss', 'duplicate', 'reorder'] as const
const TIMES = ['latencyMs', 'jitterMs'] as const

/** Checks a (partial) set of link parameters; throws a RangeError naming the bad field. */
export const checkLinkParams = (p: Partial<LinkParams>): Partial<LinkParams> => {
  for (const key of Object.keys(p)) {
    if (!(PROBABILITIES as readonly string[]).includes(key) && !(TIMES as readonly string[]).includes(key)) {
      throw new RangeError(`unknown link parameter "${key}"`)
    }
  }
  for (const key of PROBABILITIES) {
    const v = p[key]
    if (v !== undefined && !(typeof v === 'number' && v >= 0 && v <= 1)) {
      throw new RangeError(`link ${key} must be a probability in [0, 1], got ${String(v)}`)
    }
  }
  for (const key of TIMES) {
    const v = p[key]
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
      throw new RangeError(`link ${key} must be a finite number ≥ 0, got ${String(v)}`)
    }
  }
  return p
}
