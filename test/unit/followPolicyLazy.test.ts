import { describe, expect, test } from 'vitest'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { followPolicy } from '../../src/app/live/followPolicy'
import { openPolicy } from '../../src/core/policy/NetworkPolicy'
import { splitInTwo } from '../../src/core/policy/policyEdits'
import { signPolicy } from '../../src/core/policy/policySignature'
import { publicKeyOf } from '../../src/core/policy/teacherKeys'
import { PolicyGate } from '../../src/net/PolicyGate'
import { POLICY_FIELD } from '../../src/net/policyAwareness'
import { storeFor } from '../component/helpers/liveFixtures'

const ROOM = 'class-lazy'
const secret = new Uint8Array(32).fill(3)
const forger = new Uint8Array(32).fill(4)
const split = splitInTwo(openPolicy(ROOM), [1, 2, 3, 4], 1000)

const setup = (signWith: Uint8Array) => {
  const doc = new Y.Doc()
  const awareness = new Awareness(doc)
  // The message is there before the replica starts following: it must wait for the verifier.
  awareness.setLocalStateField(POLICY_FIELD, signPolicy(split, signWith))
  const gate = new PolicyGate(doc.clientID, doc.clientID, ROOM)
  const store = storeFor(doc)
  const applied: number[] = []
  const follower = followPolicy({ room: ROOM, teacherKey: publicKeyOf(secret), awareness, gate, store, onApplied: (p) => applied.push(p.version) })
  const destroy = () => {
    follower.destroy()
    awareness.destroy()
    doc.destroy()
  }
  return { follower, gate, store, applied, destroy }
}

describe('followPolicy loads the Ed25519 verifier lazily', () => {
  test('a policy heard before the verifier has loaded is not applied until it is verified, then at once', async () => {
    const r = setup(secret)
    expect(r.follower.acceptor.version).toBeNull()
    expect(r.gate.policy.version).toBe(openPolicy(ROOM).version)
    expect(r.store.getState().network.refused).toEqual([])
    await expect.poll(() => r.follower.acceptor.version).toBe(split.version)
    expect(r.gate.policy).toEqual(split)
    expect(r.applied).toEqual([split.version])
    r.destroy()
  })

  test('a forged policy heard before the verifier has loaded is refused once it has, and nothing changes', async () => {
    const r = setup(forger)
    await expect.poll(() => r.store.getState().network.refused.length).toBe(1)
    expect(r.store.getState().network.refused[0]!.reason).toMatch(/signature does not match/)
    expect(r.follower.acceptor.version).toBeNull()
    expect(r.gate.policy.groups).toEqual([])
    expect(r.applied).toEqual([])
    r.destroy()
  })
})
