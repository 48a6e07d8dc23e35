import { fromBase64, toBase64 } from 'lib0/buffer'

/**
 * A journal of updates as one string (a JSON array of base64 updates), for synchronous storage
 * such as localStorage. `decodeJournal` never throws: anything unreadable yields no updates and a
 * reason, so a damaged journal is reported, not replayed.
 */
export const encodeJournal = (updates: readonly Uint8Array[]): string => JSON.stringify(updates.map((u) => toBase64(u)))

export const decodeJournal = (text: string): { updates: Uint8Array[]; problem: string | null } => {
  try {
    const parsed: unknown = JSON.parse(text)
    if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) return { updates: [], problem: 'it is not a list of updates' }
    return { updates: parsed.map((x: string) => fromBase64(x)), problem: null }
  } catch (e) {
    return { updates: [], problem: e instanceof Error ? e.message : String(e) }
  }
}
