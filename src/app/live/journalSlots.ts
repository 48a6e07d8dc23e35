/**
 * Where a tab keeps its newest unconfirmed edits when localStorage is full (and its reserve is
 * gone, or was never set because the storage was already full when the page loaded): one slot per
 * tab, in a store with a quota of its own, still written synchronously. `keeps` says how long and
 * where, for the notice ("The last edits are still kept …").
 */
export interface JournalSlots {
  readonly keeps: string
  /** Whether some slot of `room` holds edits (without taking them). */
  has(room: string): boolean
  /** Keeps `value` as the slot of (room, tab), or empties the slot (null). False: it does not fit. */
  write(room: string, tab: string, value: string | null): boolean
  /** Takes (reads and empties) every slot left for `room`. */
  take(room: string): string[]
}

/** What one cookie may hold, name included, in every engine (RFC 6265 asks browsers for at least 4,096 bytes). */
const COOKIE_BYTES = 4000
const COOKIE_PREFIX = 'aprime-journal-'

/** This page's journal cookies of `room`: each cookie's name and the slot it holds. */
const journalCookies = (doc: Pick<Document, 'cookie'>, room: string): Array<{ name: string; slot: string }> => {
  const mark = `${encodeURIComponent(room)}~`
  const found: Array<{ name: string; slot: string }> = []
  for (const pair of doc.cookie.split(/;\s*/)) {
    const eq = pair.indexOf('=')
    const name = pair.slice(0, eq)
    const content = pair.slice(eq + 1)
    if (name.startsWith(COOKIE_PREFIX) && content.startsWith(mark)) found.push({ name, slot: content.slice(mark.length) })
  }
  return found
}

/**
 * A cookie per tab, under the page's own path: it survives a close, unlike sessionStorage, and
 * its quota is not localStorage's. It travels to the page's server with each request, so it is
 * used only in rooms without a password (see `pickJournalSlots`). Kept 30 days at most.
 */
export const cookieSlots = (doc: Pick<Document, 'cookie'>, path: string): JournalSlots => ({
  keeps: 'through a close, in a small cookie of this page',
  has(room) {
    return journalCookies(doc, room).length > 0
  },
  write(room, tab, value) {
    const name = `${COOKIE_PREFIX}${tab}`
    const attributes = `; path=${path}; SameSite=Strict`
    if (value === null) {
      doc.cookie = `${name}=${attributes}; max-age=0`
      return true
    }
    const content = `${encodeURIComponent(room)}~${value}`
    if (name.length + content.length + 1 > COOKIE_BYTES) return false
    doc.cookie = `${name}=${content}${attributes}; max-age=${30 * 24 * 3600}`
    return doc.cookie.includes(`${name}=${content}`)
  },
  take(room) {
    const found = journalCookies(doc, room)
    for (const { name } of found) doc.cookie = `${name}=; path=${path}; SameSite=Strict; max-age=0`
    return found.map((c) => c.slot)
  },
})

/**
 * sessionStorage (its quota is not localStorage's): it never leaves the device, and survives a
 * reload, a navigation and a reopened tab, not a tab closed for good.
 */
export const sessionSlots = (storage: Storage): JournalSlots => {
  const prefix = (room: string) => `aprime.journal-slot/${room}/`
  return {
    keeps: "through a reload, in this tab's session storage (not through closing the tab)",
    has(room) {
      for (let i = 0; i < storage.length; i++) if (storage.key(i)?.startsWith(prefix(room))) return true
      return false
    },
    write(room, tab, value) {
      try {
        if (value === null) storage.removeItem(`${prefix(room)}${tab}`)
        else storage.setItem(`${prefix(room)}${tab}`, value)
        return true
      } catch {
        return false
      }
    },
    take(room) {
      const keys: string[] = []
      for (let i = 0; i < storage.length; i++) {
        const k = storage.key(i)
        if (k?.startsWith(prefix(room))) keys.push(k)
      }
      const found = keys.map((k) => storage.getItem(k) ?? '')
      for (const k of keys) storage.removeItem(k)
      return found
    },
  }
}

/**
 * The page's fallback: a cookie where it may travel (no room password: the room's edits are no
 * secret from the page's own server), sessionStorage where they must stay on the device. Null
 * where the page may use neither.
 */
export const pickJournalSlots = (password: boolean): JournalSlots | null => {
  try {
    const doc = globalThis.document
    if (!password && doc !== undefined && globalThis.location?.protocol.startsWith('http')) {
      const path = globalThis.location.pathname.replace(/[^/]*$/, '') || '/'
      return cookieSlots(doc, path)
    }
    const session = globalThis.sessionStorage
    return session === undefined ? null : sessionSlots(session)
  } catch {
    return null
  }
}
