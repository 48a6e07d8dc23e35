import { fromHex, toHex } from '../hex'

/** Keys as links carry them (64 hex digits), without the curve code (so the live room's first bundle need not hold it). */
export const keyToHex = toHex

/** A 32-byte key from 64 hex digits, or null. */
export const keyFromHex = (hex: string | null): Uint8Array | null => {
  if (hex === null || hex.length !== 64) return null
  return fromHex(hex)
}
