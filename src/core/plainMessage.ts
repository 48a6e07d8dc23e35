/** Messages that speak of a program's insides, not of the input (minified names, TypeErrors). */
const INTERNALS = /is not a function|is not iterable|Cannot read propert|Cannot set propert|\[\(|\bat [\w$.]+ \(|^Failed to fetch$/

/**
 * An error as a sentence a person can read: control and binary characters removed, at most 160
 * characters, and `instead` when the message is about the program's insides ("Qo[(t & 31)] is
 * not a function", "Failed to fetch" from a stream that could not decompress) rather than the input.
 */
export const plainMessage = (e: unknown, instead: string): string => {
  const raw = e instanceof Error ? e.message : String(e)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const clean = raw.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]+/g, ' ').replace(/\s+/g, ' ').trim()
  if (clean === '' || INTERNALS.test(clean)) return instead
  return clean.length > 160 ? `${clean.slice(0, 157)}…` : clean
}
