import { ed25519 } from '@noble/curves/ed25519.js'
import { fromHex, toHex } from '../hex'
import type { NetworkPolicy } from './NetworkPolicy'
import { policyBytes, type SignedPolicy } from './policyCodec'

/**
 * Ed25519 signing and verification of network policies. Its own module (with @noble/curves) so
 * that a live room loads it only when its link carries a teacher key (see followPolicy).
 */
export const signPolicy = (p: NetworkPolicy, secretKey: Uint8Array): SignedPolicy => ({
  policy: p,
  sig: toHex(ed25519.sign(policyBytes(p), secretKey)),
})

/** True when `sig` is a valid signature of the policy by the holder of `publicKey`'s secret. */
export const verifyPolicy = (s: SignedPolicy, publicKey: Uint8Array): boolean => {
  const sig = fromHex(s.sig)
  if (sig === null || sig.length !== 64) return false
  try {
    return ed25519.verify(sig, policyBytes(s.policy), publicKey)
  } catch {
    return false
  }
}
