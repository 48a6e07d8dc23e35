const SURROGATE = /[\uD800-\uDFFF]/

/** True when `s` has characters outside the Basic Multilingual Plane (UTF-16 surrogate pairs). */
export const hasAstral = (s: string): boolean => SURROGATE.test(s)

/** Length in Unicode code points (what trace positions count). */
export const codePointLength = (s: string): number => {
  if (!hasAstral(s)) return s.length
  let n = 0
  for (const _ of s) n++
  return n
}

/** The UTF-16 offset (what Y.Text positions count) of code point `cp` in `s`; `cp` may equal the length. */
export const utf16Offset = (s: string, cp: number): number => {
  let i = 0
  for (let k = 0; k < cp; k++) {
    const c = s.charCodeAt(i)
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1
  }
  return i
}
