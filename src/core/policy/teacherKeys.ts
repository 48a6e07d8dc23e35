import { ed25519 } from '@noble/curves/ed25519.js'
import { toHex } from '../hex'
import { keyFromHex } from './teacherKeyHex'

/**
 * The teacher's keys as links carry them: the verifying (public) key in the query of every link
 * (`teacher=` 64 hex digits), the signing (secret) key only in the presenter's URL fragment
 * (`#key=` 64 hex digits), which browsers never send to any server.
 */
export interface TeacherKeys {
  publicKey: Uint8Array
  secretKey: Uint8Array | null
}

export const publicKeyOf = (secretKey: Uint8Array): Uint8Array => ed25519.getPublicKey(secretKey)

export { keyFromHex, keyToHex } from './teacherKeyHex'

export type PresenterKeys =
  | { kind: 'keys'; keys: TeacherKeys; made: boolean }
  | { kind: 'refused'; publicKey: Uint8Array | null; reason: string }

/**
 * What a presenter link's keys allow. `teacher` (query) and `key` (fragment) as found in the link;
 * `fresh` makes a new secret when the link has neither (a new class). A secret that is not hex,
 * or that does not belong to the link's teacher key, is refused: the controls stay off.
 */
export const presenterKeys = (teacher: string | null, key: string | null, fresh: () => Uint8Array): PresenterKeys => {
  const pub = keyFromHex(teacher)
  if (teacher !== null && pub === null)
    return { kind: 'refused', publicKey: null, reason: 'The teacher key in this link (teacher=…) is not 64 hex digits.' }
  if (key === null) {
    if (pub !== null)
      return {
        kind: 'refused',
        publicKey: pub,
        reason: "This link has the room's teacher key but not its secret (#key=…): the wall works, the network controls need the presenter's own link.",
      }
    const secretKey = fresh()
    return { kind: 'keys', keys: { publicKey: publicKeyOf(secretKey), secretKey }, made: true }
  }
  const secretKey = keyFromHex(key)
  if (secretKey === null)
    return { kind: 'refused', publicKey: pub, reason: 'The secret in this presenter link (#key=…) is not 64 hex digits: the network controls are off.' }
  const derived = publicKeyOf(secretKey)
  if (pub !== null && toHex(pub) !== toHex(derived))
    return {
      kind: 'refused',
      publicKey: pub,
      reason:
        "The secret in this presenter link (#key=…) does not belong to this room's teacher key (teacher=…): the network controls are off. Open the presenter link you made, or start a new class.",
    }
  return { kind: 'keys', keys: { publicKey: derived, secretKey }, made: pub === null }
}
