import { gcm } from '@noble/ciphers/aes.js'
import { pbkdf2Async } from '@noble/hashes/pbkdf2.js'
import { sha256 } from '@noble/hashes/sha2.js'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * A room key as y-webrtc derives it, without Web Crypto: PBKDF2 (SHA-256, 100,000 iterations,
 * salt = the room name's UTF-8) from the password, 32 bytes for AES-256-GCM. Made with @noble so
 * that it works where `crypto.subtle` does not exist (a plain-http LAN address); the bytes are the
 * same, so a plain y-webrtc peer with the same password reads what this one seals, and back.
 */
export interface RoomKey {
  readonly kind: 'aprime-room-key'
  readonly bytes: Uint8Array
}

export const PBKDF2_ITERATIONS = 100_000
const AES_GCM = 'AES-GCM'

export const isRoomKey = (k: unknown): k is RoomKey => (k as RoomKey | null)?.kind === 'aprime-room-key'

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

export const deriveRoomKey = async (password: string, room: string): Promise<RoomKey> => {
  const bytes = await pbkdf2Async(sha256, utf8(password), utf8(room), { c: PBKDF2_ITERATIONS, dkLen: 32 })
  return { kind: 'aprime-room-key', bytes }
}

/** A fresh 12-byte IV (crypto.getRandomValues works without a secure context). */
const freshIv = (): Uint8Array => crypto.getRandomValues(new Uint8Array(12))

/** y-webrtc's sealed message: var-string "AES-GCM", var-bytes IV, var-bytes ciphertext with its 16-byte tag. */
export const sealWithRoomKey = (data: Uint8Array, key: RoomKey): Uint8Array => {
  const iv = freshIv()
  const cipher = gcm(key.bytes, iv).encrypt(data)
  const e = encoding.createEncoder()
  encoding.writeVarString(e, AES_GCM)
  encoding.writeVarUint8Array(e, iv)
  encoding.writeVarUint8Array(e, cipher)
  return encoding.toUint8Array(e)
}

/**
 * Opens a sealed message. Throws a DOMException named `OperationError` when the key does not open
 * it (someone with another password), as Web Crypto does, so that callers tell the two apart the
 * same way whichever implementation sealed it.
 */
export const openWithRoomKey = (data: Uint8Array, key: RoomKey): Uint8Array => {
  const d = decoding.createDecoder(data)
  if (decoding.readVarString(d) !== AES_GCM) throw new DOMException('Unknown encryption algorithm', 'OperationError')
  const iv = decoding.readVarUint8Array(d)
  const cipher = decoding.readVarUint8Array(d)
  try {
    return gcm(key.bytes, iv).decrypt(cipher)
  } catch {
    throw new DOMException('The room key does not open this message (another password)', 'OperationError')
  }
}
