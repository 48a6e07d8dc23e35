import { digest } from 'lib0/hash/sha256'
import { encodeUtf8 } from 'lib0/string'
import { toHex } from '../hex'

const BLOCK = 64

/** HMAC-SHA256 (RFC 2104) over lib0's SHA-256, hex-encoded. */
export const hmacSha256 = (key: string, message: string): string => {
  let k = encodeUtf8(key) as Uint8Array
  if (k.length > BLOCK) k = digest(k)
  const ipad = new Uint8Array(BLOCK)
  const opad = new Uint8Array(BLOCK)
  for (let i = 0; i < BLOCK; i++) {
    const b = i < k.length ? k[i] : 0
    ipad[i] = b ^ 0x36
    opad[i] = b ^ 0x5c
  }
  const m = encodeUtf8(message)
  const inner = new Uint8Array(BLOCK + m.length)
  inner.set(ipad)
  inner.set(m, BLOCK)
  const innerHash = digest(inner)
  const outer = new Uint8Array(BLOCK + innerHash.length)
  outer.set(opad)
  outer.set(innerHash, BLOCK)
  return toHex(digest(outer))
}

/** `value.signature`: anyone can read the value; only a holder of the key can make a valid signature. */
export const signCookie = (value: string, key: string): string => `${value}.${hmacSha256(key, value)}`

/** The signed value, or null when the signature does not match (the cookie was forged or altered). */
export const verifyCookie = (cookie: string, key: string): string | null => {
  const dot = cookie.lastIndexOf('.')
  if (dot < 0) return null
  const value = cookie.slice(0, dot)
  return hmacSha256(key, value) === cookie.slice(dot + 1) ? value : null
}

/** The value without checking the signature: what a client, or a forger, can read. */
export const unverifiedValue = (cookie: string): string => {
  const dot = cookie.lastIndexOf('.')
  return dot < 0 ? cookie : cookie.slice(0, dot)
}
