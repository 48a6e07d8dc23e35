import { digest } from 'lib0/hash/sha256'
import { toHex } from './hex'

const ROOM_RE = /^[\p{L}\p{N}._~-]{1,100}$/u

/** Room names: 1–100 letters, digits or . _ ~ -, so they are safe as BroadcastChannel names and signaling topics. */
export const isValidRoomName = (room: string): boolean => ROOM_RE.test(room)

/**
 * The room a name in a link means, the same on every device: Unicode NFC, every run of other
 * characters (spaces, emoji, punctuation) made one "-", "-" trimmed at both ends, cut to 100
 * characters. A name with nothing left ("🎉🎉") becomes "room-" and 12 hex digits of its SHA-256,
 * so it still names one room everywhere. Returns null only for an empty name.
 */
export const normalizeRoomName = (raw: string): string | null => {
  if (raw.trim() === '') return null
  const nfc = raw.normalize('NFC')
  if (isValidRoomName(nfc)) return nfc
  const cleaned = nfc
    .replace(/[^\p{L}\p{N}._~-]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '')
  if (cleaned !== '') return cleaned
  return `room-${toHex(digest(new TextEncoder().encode(nfc))).slice(0, 12)}`
}
