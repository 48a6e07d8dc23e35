import type { Awareness } from 'y-protocols/awareness'
import { describeForReplica } from '../../core/policy/describePolicy'
import { groupOf, isCut, type NetworkPolicy, restrictsLinks } from '../../core/policy/NetworkPolicy'
import { keyToHex } from '../../core/policy/teacherKeyHex'
import { PolicyAcceptor, type PolicyVerifier } from '../../core/policy/PolicyAcceptor'
import type { PolicyGate } from '../../net/PolicyGate'
import { publishAppliedVersion, readPolicyOffers } from '../../net/policyAwareness'
import type { LiveStore } from '../../state/live/liveStore'

const versionOf = (raw: unknown): number => {
  const v = (raw as { policy?: { version?: unknown } } | null)?.policy?.version
  return typeof v === 'number' ? v : 0
}

/** A key per distinct message from one replica, so a message heard again (awareness renews every 15 s) is judged once. */
const offerKey = (from: number, raw: unknown): string => {
  const sig = (raw as { sig?: unknown } | null)?.sig
  return `${from}:${typeof sig === 'string' ? sig : JSON.stringify(raw ?? null).slice(0, 300)}`
}

/**
 * Makes this replica follow the teacher: reads every control message in the room's awareness,
 * lets `PolicyAcceptor` judge it, applies an accepted one to the gate, publishes the version it
 * follows (and the teacher key it follows), and tells the page what the policy does to it. A
 * refused message is recorded quietly (the inspector lists it; the wall names who sent it): a
 * classmate's prank must not put a red box on every screen.
 * `onApplied` runs after each new policy (the room runs an anti-entropy round then).
 * The Ed25519 verifier (with @noble/curves) is loaded only when the link carries a teacher key;
 * until it has loaded, messages wait unjudged (never applied unverified), then are judged at once.
 */
export const followPolicy = (opts: {
  room: string
  teacherKey: Uint8Array | null
  awareness: Awareness
  gate: PolicyGate
  store: LiveStore
  onApplied: (p: NetworkPolicy) => void
}): { acceptor: PolicyAcceptor; destroy: () => void } => {
  const { awareness, gate, store } = opts
  let verify: PolicyVerifier | null = null
  let destroyed = false
  const acceptor = new PolicyAcceptor(opts.room, opts.teacherKey, (s, key) => verify!(s, key))
  const judged = new Set<string>()
  const self = awareness.clientID
  const teacherHex = opts.teacherKey === null ? null : keyToHex(opts.teacherKey)

  const onChange = () => {
    const offers = readPolicyOffers(awareness).sort((a, b) => versionOf(a.raw) - versionOf(b.raw))
    // Without a teacher key every message is refused before any signature is checked.
    if (opts.teacherKey !== null && verify === null && offers.length > 0) return
    for (const { from, raw } of offers) {
      const key = offerKey(from, raw)
      if (judged.has(key)) continue
      judged.add(key)
      const r = acceptor.offer(raw)
      if (r.kind === 'applied') {
        gate.setPolicy(r.policy)
        publishAppliedVersion(awareness, r.policy.version, teacherHex)
        const split = restrictsLinks(r.policy) && r.policy.groups.length > 1 && !isCut(r.policy, self)
        const group = split ? { index: groupOf(r.policy, self), count: r.policy.groups.length, listed: r.policy.groups } : null
        store.setState((s) => ({ network: { ...s.network, version: r.policy.version, lines: describeForReplica(r.policy, self), group } }))
        opts.onApplied(r.policy)
      } else if (r.kind === 'refused') {
        const now = Date.now()
        store.setState((s) => ({ network: { ...s.network, refused: [{ from, reason: r.reason, time: now }, ...s.network.refused].slice(0, 5) } }))
      }
    }
    // After going offline and back, awareness starts from an empty local state: say again what we follow.
    const local = awareness.getLocalState()
    if (local !== null && local.network === undefined) publishAppliedVersion(awareness, acceptor.version, teacherHex)
  }
  awareness.on('change', onChange)
  onChange()
  if (opts.teacherKey !== null)
    void import('../../core/policy/policySignature').then((m) => {
      verify = m.verifyPolicy
      if (!destroyed) onChange()
    })
  return {
    acceptor,
    destroy: () => {
      destroyed = true
      awareness.off('change', onChange)
    },
  }
}
