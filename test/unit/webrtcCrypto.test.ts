import { describe, expect, test } from 'vitest'
import { decryptRoomMessage, encryptRoomMessage } from '../../src/net/roomCrypto'
import { deriveRoomKey } from '../../src/net/roomKey'
import * as ours from '../../src/net/webrtcCrypto'

/** y-webrtc 10.3.0's own module (Web Crypto; Node has crypto.subtle), to prove the two speak the same bytes. */
interface YWebrtcCrypto {
  deriveKey(secret: string, room: string): Promise<CryptoKey>
  encrypt(data: Uint8Array, key: CryptoKey | null): Promise<Uint8Array>
  decrypt(data: Uint8Array, key: CryptoKey | null): Promise<Uint8Array>
  encryptJson(data: unknown, key: CryptoKey | null): Promise<Uint8Array>
  decryptJson(data: Uint8Array, key: CryptoKey | null): Promise<unknown>
}
const ORIGINAL = '../../node_modules/y-webrtc/src/crypto.js'
const original = (await import(/* @vite-ignore */ ORIGINAL)) as YWebrtcCrypto

const exportRaw = async (k: CryptoKey) => new Uint8Array(await crypto.subtle.exportKey('raw', k))

describe('room passwords without crypto.subtle (@noble), byte-compatible with y-webrtc', () => {
  test('the same password and room give the same AES key as y-webrtc’s PBKDF2', async () => {
    const theirs = await original.deriveKey('open sesame', 'my-class-room')
    const mine = await deriveRoomKey('open sesame', 'my-class-room')
    expect(Array.from(mine.bytes)).toEqual(Array.from(await exportRaw(theirs)))
    const other = await deriveRoomKey('open sesame', 'another-room')
    expect(Array.from(other.bytes)).not.toEqual(Array.from(mine.bytes))
  })

  test('what one seals the other opens, both ways, for messages and JSON', async () => {
    const theirKey = await original.deriveKey('pw', 'r1')
    const myKey = await ours.deriveKey('pw', 'r1')
    const msg = new Uint8Array([0, 1, 2, 250, 7, 7, 7])
    expect(Array.from(await original.decrypt(await ours.encrypt(msg, myKey), theirKey))).toEqual(Array.from(msg))
    expect(Array.from(await ours.decrypt(await original.encrypt(msg, theirKey), myKey))).toEqual(Array.from(msg))
    const json = { type: 'signal', from: 'peer-1', data: { sdp: 'v=0' } }
    expect(await original.decryptJson(await ours.encryptJson(json, myKey), theirKey)).toEqual(json)
    expect(await ours.decryptJson(await original.encryptJson(json, theirKey), myKey)).toEqual(json)
    // the project's own sealing (anti-entropy over BroadcastChannel) with the same key
    expect(Array.from(await original.decrypt(await encryptRoomMessage(msg, myKey), theirKey))).toEqual(Array.from(msg))
    expect(Array.from(await decryptRoomMessage(await original.encrypt(msg, theirKey), myKey))).toEqual(Array.from(msg))
  })

  test('another password is refused with an OperationError, as Web Crypto refuses it; no key passes data through', async () => {
    const sealed = await ours.encrypt(new Uint8Array([1, 2, 3]), await ours.deriveKey('right', 'r'))
    const wrong = await ours.deriveKey('wrong', 'r')
    await expect(ours.decrypt(sealed, wrong)).rejects.toMatchObject({ name: 'OperationError' })
    await expect(decryptRoomMessage(sealed, wrong)).rejects.toMatchObject({ name: 'OperationError' })
    expect(Array.from(await ours.encrypt(new Uint8Array([4]), null))).toEqual([4])
  })
})
