import type { Awareness } from 'y-protocols/awareness'
import type { SignedPolicy } from '../core/policy/policyCodec'

/**
 * The classroom's part of the awareness contract:
 * - `policy`: the signed network policy, published by the presenter (anyone may publish one;
 *   every replica verifies it against the teacher key in its own link, newest valid wins);
 * - `network`: `{ version, teacher }`, the policy version this replica follows (null: none), so the
 *   wall can tell who has applied the latest one, and the teacher key (hex) its link carries (null:
 *   none), so a wall with another key can tell that it does not reach them.
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

export const publishAppliedVersion = (awareness: Awareness, version: number | null, teacher: string | null = null): void =>
  awareness.setLocalStateField(NETWORK_FIELD, { version, teacher })

/** clientID → the teacher key (64 hex digits) it follows, for replicas that said one. Untrusted: for display only. */
export const readFollowedTeachers = (awareness: Awareness): Map<number, string> => {
  const out = new Map<number, string>()
  for (const [id, state] of awareness.getStates()) {
    const t = (state[NETWORK_FIELD] as { teacher?: unknown } | undefined)?.teacher
    if (typeof t === 'string' && /^[0-9a-f]{64}$/.test(t)) out.set(id, t)
  }
  return out
}

/** clientID → the policy version it says it follows. */
export const readAppliedVersions = (awareness: Awareness): Map<number, number | null> => {
  const out = new Map<number, number | null>()
  for (const [id, state] of awareness.getStates()) {
    const v = (state[NETWORK_FIELD] as { version?: unknown } | undefined)?.version
    out.set(id, typeof v === 'number' && Number.isFinite(v) ? v : null)
  }
  return out
}
