import type { Awareness } from 'y-protocols/awareness'
import type { SignedPolicy } from '../core/policy/policyCodec'

/**
 * The classroom's part of the awareness contract:
 * - `policy`: the signed network policy, published by the presenter (anyone may publish one;
 *   every replica verifies it against the teacher key in its own link, newest valid wins);
 * - `network`: `{ version }`, the policy version this replica follows (null: none), so the wall
 *   can tell who has applied the latest one.
 * Awareness is never governed by the policy, so these reach a cut-off replica too.
 */
export const POLICY_FIELD = 'policy'
export const NETWORK_FIELD = 'network'

export interface PolicyOffer {
  from: number
  raw: unknown
}

/** Every `policy` field in the room's awareness (this tab's own included), untrusted. */
export const readPolicyOffers = (awareness: Awareness): PolicyOffer[] => {
  const out: PolicyOffer[] = []
  for (const [from, state] of awareness.getStates()) if (state[POLICY_FIELD] !== undefined) out.push({ from, raw: state[POLICY_FIELD] })
  return out
}

export const publishPolicy = (awareness: Awareness, signed: SignedPolicy): void => awareness.setLocalStateField(POLICY_FIELD, signed)

export const publishAppliedVersion = (awareness: Awareness, version: number | null): void =>
  awareness.setLocalStateField(NETWORK_FIELD, { version })

/** clientID → the policy version it says it follows. */
export const readAppliedVersions = (awareness: Awareness): Map<number, number | null> => {
  const out = new Map<number, number | null>()
  for (const [id, state] of awareness.getStates()) {
    const v = (state[NETWORK_FIELD] as { version?: unknown } | undefined)?.version
    out.set(id, typeof v === 'number' && Number.isFinite(v) ? v : null)
  }
  return out
}
