/** The part of `Storage` the teacher's key needs (localStorage in the page, a Map in tests). */
export interface KeyStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

const itemFor = (room: string): string => `aprime.teacher.${room}`

/**
 * The teacher's signing secret for a room, kept on the teacher's device (localStorage, next to the
 * name) so that reopening the wall for that room restores the same key and the same QR code.
 * Returns 64 lowercase hex digits, or null when none is kept (or what is kept is not a key).
 */
export const savedTeacherSecret = (storage: KeyStorage | null, room: string): string | null => {
  try {
    const v = storage?.getItem(itemFor(room)) ?? null
    return v !== null && /^[0-9a-f]{64}$/.test(v) ? v : null
  } catch {
    return null
  }
}

/** Keeps the secret for the room; false when the device cannot keep it (private mode, storage full). */
export const saveTeacherSecret = (storage: KeyStorage | null, room: string, secretHex: string): boolean => {
  if (storage === null) return false
  try {
    storage.setItem(itemFor(room), secretHex)
    return true
  } catch {
    return false
  }
}

/** True when this device holds the teacher's key for the room (then its pages may offer the wall). */
export const holdsTeacherKey = (storage: KeyStorage | null, room: string): boolean => savedTeacherSecret(storage, room) !== null
