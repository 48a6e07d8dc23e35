import { fromBase64, toBase64 } from 'lib0/buffer'

/**
 * The journal of unsaved updates in synchronous storage such as localStorage. Today each entry is
 * one key holding one update in base64 (`encodeJournalEntry`), so recording an update costs its
 * own size, never the journal's. Earlier builds kept a tab's whole journal under one key as a JSON
 * list of base64 updates (`encodeJournal`); `decodeJournal` reads both. It never throws: anything
 * unreadable yields no updates and a reason, so a damaged journal is reported, not replayed.
 */
export const encodeJournal = (updates: readonly Uint8Array[]): string => JSON.stringify(updates.map((u) => toBase64(u)))

export const encodeJournalEntry = (update: Uint8Array): string => toBase64(update)

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

export const decodeJournal = (text: string): { updates: Uint8Array[]; problem: string | null } => {
  try {
    if (!text.startsWith('[')) {
      if (text === '' || text.length % 4 !== 0 || !BASE64.test(text)) return { updates: [], problem: 'an entry is not an update in base64' }
      return { updates: [fromBase64(text)], problem: null }
    }
    const parsed: unknown = JSON.parse(text)
    if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) return { updates: [], problem: 'it is not a list of updates' }
    return { updates: parsed.map((x: string) => fromBase64(x)), problem: null }
  } catch (e) {
    return { updates: [], problem: e instanceof Error ? e.message : String(e) }
  }
}
