import { describe, expect, test } from 'vitest'
import { openPolicy } from '../../src/core/policy/NetworkPolicy'
import { PolicyAcceptor } from '../../src/core/policy/PolicyAcceptor'
import { parseSignedPolicy } from '../../src/core/policy/policyCodec'
import { signPolicy, verifyPolicy } from '../../src/core/policy/policySignature'
import { splitInTwo } from '../../src/core/policy/policyEdits'
import { keyToHex, presenterKeys, publicKeyOf } from '../../src/core/policy/teacherKeys'

const ROOM = 'class-1'
const secret = new Uint8Array(32).fill(7)
const other = new Uint8Array(32).fill(9)
const pub = publicKeyOf(secret)
const split = splitInTwo(openPolicy(ROOM), [1, 2, 3, 4], 1000)

describe('signed policy: signature check, replay refused, malformed refused', () => {
  test('a policy signed with the secret verifies with the public key, and any change breaks it', () => {
    const s = signPolicy(split, secret)
    expect(verifyPolicy(s, pub)).toBe(true)
    expect(verifyPolicy(s, publicKeyOf(other))).toBe(false)
    expect(verifyPolicy({ ...s, policy: { ...s.policy, cut: [1] } }, pub)).toBe(false)
    expect(verifyPolicy({ ...s, policy: { ...s.policy, version: s.policy.version + 1 } }, pub)).toBe(false)
    expect(verifyPolicy({ ...s, sig: s.sig.replace(/^./, s.sig[0] === '0' ? '1' : '0') }, pub)).toBe(false)
  })

  test('acceptor: applies the newest valid version; refuses forged, replayed, other-room and keyless ones', () => {
    const a = new PolicyAcceptor(ROOM, pub, verifyPolicy)
    const v1 = signPolicy(split, secret)
    expect(a.offer(v1)).toEqual({ kind: 'applied', policy: split })
    expect(a.offer(v1)).toEqual({ kind: 'same' })
    const v2 = signPolicy({ ...openPolicy(ROOM), version: 2000 }, secret)
    expect(a.offer(v2).kind).toBe('applied')
    expect(a.version).toBe(2000)
    // replay of the older, validly signed split
    const replay = a.offer(JSON.parse(JSON.stringify(v1)))
    expect(replay).toMatchObject({ kind: 'refused' })
    expect((replay as { reason: string }).reason).toMatch(/not newer than version 2000.*replayed/)
    expect(a.policy.groups).toEqual([])
    // forged: signed with another key
    const forged = a.offer(signPolicy({ ...split, version: 9000 }, other))
    expect((forged as { reason: string }).reason).toMatch(/signature does not match/)
    // another room
    expect((a.offer(signPolicy({ ...split, room: 'elsewhere', version: 9001 }, secret)) as { reason: string }).reason).toMatch(/another room/)
    expect(a.version).toBe(2000)
    // a page without a teacher key follows nothing
    const keyless = new PolicyAcceptor(ROOM, null, verifyPolicy)
    expect((keyless.offer(v2) as { reason: string }).reason).toMatch(/no teacher key/)
    expect(keyless.version).toBeNull()
  })

  test.each([
    ['not an object', 'hello', /not an object/],
    ['no signature', { policy: split }, /signature/],
    ['bad version', { policy: { ...split, version: -3 }, sig: 'a'.repeat(128) }, /version/],
    ['client in two groups', { policy: { ...split, groups: [[1], [1]] }, sig: 'a'.repeat(128) }, /in two groups/],
    ['delay out of range', { policy: { ...split, delay: { ms: 5000, group: null } }, sig: 'a'.repeat(128) }, /delay/],
    ['loss out of range', { policy: { ...split, loss: { rate: 0.9, group: null } }, sig: 'a'.repeat(128) }, /loss/],
    ['group that does not exist', { policy: { ...split, loss: { rate: 0.1, group: 7 } }, sig: 'a'.repeat(128) }, /group/],
    ['ids not numbers', { policy: { ...split, cut: ['x'] }, sig: 'a'.repeat(128) }, /cut/],
  ])('malformed: %s is refused with the reason', (_name, raw, reason) => {
    const parsed = parseSignedPolicy(raw)
    expect(parsed.ok).toBe(false)
    expect((parsed as { reason: string }).reason).toMatch(reason)
    const a = new PolicyAcceptor(ROOM, pub, verifyPolicy)
    expect(a.offer(raw)).toMatchObject({ kind: 'refused' })
    expect(a.version).toBeNull()
  })

  test('presenter link keys: a new class, the right secret, a wrong secret, a students\' link', () => {
    const made = presenterKeys(null, null, () => secret)
    expect(made).toMatchObject({ kind: 'keys', made: true })
    const right = presenterKeys(keyToHex(pub), keyToHex(secret), () => other)
    expect(right.kind).toBe('keys')
    const wrong = presenterKeys(keyToHex(pub), keyToHex(other), () => other)
    expect(wrong).toMatchObject({ kind: 'refused' })
    expect((wrong as { reason: string }).reason).toMatch(/does not belong to this room's teacher key/)
    expect(presenterKeys(keyToHex(pub), null, () => other)).toMatchObject({ kind: 'refused' })
    expect(presenterKeys(keyToHex(pub), 'zz', () => other)).toMatchObject({ kind: 'refused' })
  })
})
