import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { isRoomKey, openWithRoomKey, type RoomKey, sealWithRoomKey } from './roomKey'

const AES_GCM = 'AES-GCM'

/**
 * True when `data` has the shape of a message y-webrtc encrypted with a room password: a
 * var-string "AES-GCM", then the IV and the ciphertext. y-webrtc's plain messages start with
 * type 0–4, never with 7 (the length of "AES-GCM"), so the two are told apart.
 */
export const looksEncrypted = (data: unknown): data is Uint8Array => {
  if (!(data instanceof Uint8Array) || data.byteLength < 9 || data[0] !== AES_GCM.length) return false
  for (let i = 0; i < AES_GCM.length; i++) if (data[i + 1] !== AES_GCM.charCodeAt(i)) return false
  return true
}

/**
 * Decrypts a message y-webrtc encrypted with the room's key (AES-GCM, as in y-webrtc's
 * crypto.js). Rejects when the key does not open it: someone with another password. The key is
 * the room's RoomKey (webrtcCrypto.ts replaces y-webrtc's Web Crypto), or a CryptoKey where one is
 * given (a plain y-webrtc build).
 */
export const decryptRoomMessage = async (data: Uint8Array, key: CryptoKey | RoomKey): Promise<Uint8Array> => {
  if (isRoomKey(key)) return openWithRoomKey(data, key)
  const d = decoding.createDecoder(data)
  if (decoding.readVarString(d) !== AES_GCM) throw new Error('not an AES-GCM message')
  const iv = decoding.readVarUint8Array(d)
  const cipher = decoding.readVarUint8Array(d)
  return new Uint8Array(await crypto.subtle.decrypt({ name: AES_GCM, iv: iv as Uint8Array<ArrayBuffer> }, key, cipher as Uint8Array<ArrayBuffer>))
}

/**
 * True where room passwords work: everywhere with `crypto.getRandomValues` (for IVs), which
 * browsers offer on plain http too; the rest is @noble (roomKey.ts), not `crypto.subtle`.
 */
export const cryptoAvailable = (): boolean => typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function'

/**
 * Seals a message with the room's key as y-webrtc does (AES-GCM, a fresh 12-byte IV, then
 * var-string "AES-GCM", IV, ciphertext), for what this tab posts itself (anti-entropy).
 */
export const encryptRoomMessage = async (data: Uint8Array, key: CryptoKey | RoomKey): Promise<Uint8Array> => {
  if (isRoomKey(key)) return sealWithRoomKey(data, key)
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const cipher = await crypto.subtle.encrypt({ name: AES_GCM, iv }, key, data as Uint8Array<ArrayBuffer>)
  const e = encoding.createEncoder()
  encoding.writeVarString(e, AES_GCM)
  encoding.writeVarUint8Array(e, iv)
  encoding.writeVarUint8Array(e, new Uint8Array(cipher))
  return encoding.toUint8Array(e)
}
