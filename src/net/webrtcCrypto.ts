import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { deriveRoomKey, openWithRoomKey, type RoomKey, sealWithRoomKey } from './roomKey'

/**
 * y-webrtc's `crypto.js` (its module for room passwords), with the same exports and the same
 * bytes on the wire, but built on @noble instead of `crypto.subtle`, which browsers offer only in
 * secure contexts: students open the teacher's plain-http LAN address. vite.config.ts resolves
 * y-webrtc's `./crypto.js` to this file. Keys are RoomKey objects instead of CryptoKeys; y-webrtc
 * only passes them back to these functions. Everything returns a promise, as the original does.
 */
export const deriveKey = (secret: string, roomName: string): Promise<RoomKey> => deriveRoomKey(secret, roomName)

export const encrypt = (data: Uint8Array, key: RoomKey | null): Promise<Uint8Array> =>
  key ? Promise.resolve().then(() => sealWithRoomKey(data, key)) : Promise.resolve(data)

export const encryptJson = (data: unknown, key: RoomKey | null): Promise<Uint8Array> => {
  const e = encoding.createEncoder()
  encoding.writeAny(e, data as Parameters<typeof encoding.writeAny>[1])
  return encrypt(encoding.toUint8Array(e), key)
}

export const decrypt = (data: Uint8Array, key: RoomKey | null): Promise<Uint8Array> =>
  key ? Promise.resolve().then(() => openWithRoomKey(data, key)) : Promise.resolve(data)

export const decryptJson = (data: Uint8Array, key: RoomKey | null): Promise<unknown> =>
  decrypt(data, key).then((d) => decoding.readAny(decoding.createDecoder(new Uint8Array(d))))
