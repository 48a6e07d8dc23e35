/** Byte-array helpers for tests that mutate and compare encoded updates. */

export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])

/** `[1,2,3]`: how failing tests print bytes, so a case can be pasted back as `Uint8Array.from(...)`. */
export const byteList = (u: Uint8Array): string => `[${Array.from(u).join(',')}]`

/** Every proper, non-empty prefix of `u` (lengths 1 … n−1). */
export function* truncations(u: Uint8Array): Generator<{ at: number; bytes: Uint8Array }> {
  for (let at = 1; at < u.length; at++) yield { at, bytes: u.slice(0, at) }
}

/** `u` with one bit flipped, for every bit (8·n variants). */
export function* singleBitFlips(u: Uint8Array): Generator<{ bit: number; bytes: Uint8Array }> {
  for (let bit = 0; bit < u.length * 8; bit++) {
    const bytes = u.slice()
    bytes[bit >> 3] ^= 1 << (bit & 7)
    yield { bit, bytes }
  }
}
