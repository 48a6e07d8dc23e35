import { type NetworkPolicy, openPolicy } from './NetworkPolicy'
import { parseSignedPolicy, type SignedPolicy } from './policyCodec'

/** Checks a policy's signature against the teacher's key (`verifyPolicy`, passed in so that it can be loaded lazily). */
export type PolicyVerifier = (s: SignedPolicy, publicKey: Uint8Array) => boolean

export type OfferResult =
  | { kind: 'applied'; policy: NetworkPolicy }
  /** The policy already in force (the same message heard again). */
  | { kind: 'same' }
  | { kind: 'refused'; reason: string }

/**
 * Decides which network policy a replica follows: the newest validly signed one it has heard of.
 * A message is refused (with the reason in words) when the page has no teacher key, when it is
 * malformed, for another room, not signed by the room's teacher key, or not newer than the policy
 * in force (a replay). Pure: verification results are cached by signature, since one Ed25519
 * verification costs about a millisecond.
 */
export class PolicyAcceptor {
  private inForce: SignedPolicy | null = null
  private verified = new Map<string, boolean>()

  constructor(
    readonly room: string,
    /** The teacher's verifying key from the link; null when the link carries none. */
    readonly teacherKey: Uint8Array | null,
    private readonly verify: PolicyVerifier,
  ) {}

  /** The policy this replica follows now (everyone together until a valid one arrives). */
  get policy(): NetworkPolicy {
    return this.inForce?.policy ?? openPolicy(this.room)
  }

  get version(): number | null {
    return this.inForce?.policy.version ?? null
  }

  offer(raw: unknown): OfferResult {
    const refused = (reason: string): OfferResult => ({ kind: 'refused', reason })
    const parsed = parseSignedPolicy(raw)
    if (!parsed.ok) return refused(`it is malformed: ${parsed.reason}`)
    const { signed } = parsed
    if (this.inForce !== null && signed.sig === this.inForce.sig) return { kind: 'same' }
    if (this.teacherKey === null)
      return refused("this page's link carries no teacher key (teacher=…), so it follows no network controls")
    if (signed.policy.room !== this.room) return refused(`it is for another room ("${signed.policy.room.slice(0, 40)}")`)
    if (!this.check(signed)) return refused("its signature does not match this room's teacher key: it was not issued by the presenter's link")
    const current = this.inForce?.policy.version ?? 0
    if (signed.policy.version <= current)
      return refused(`it is version ${signed.policy.version}, not newer than version ${current} in force (an old message replayed)`)
    this.inForce = signed
    return { kind: 'applied', policy: signed.policy }
  }

  private check(s: SignedPolicy): boolean {
    let ok = this.verified.get(s.sig)
    if (ok === undefined) {
      ok = this.verify(s, this.teacherKey!)
      if (this.verified.size > 256) this.verified.clear()
      this.verified.set(s.sig, ok)
    }
    return ok
  }
}
