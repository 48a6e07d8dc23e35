import { colorNameAt } from './colors'

/** Longest name shown or published, in user-perceived characters. */
export const NAME_MAX = 40

export interface CleanedName {
  /** The name to use, or null when nothing usable was left (use the default name). */
  name: string | null
  /** What was changed, in words for the page; empty when the name was fine as typed. */
  changes: string[]
}

const TAGS = /<\/?[\p{L}!?][^>]*>?/gu
const ANGLES = /[<>]/g
/** Control characters and bidirectional overrides (they can make a name read backwards); ZWJ stays for emoji. */
const CONTROLS = /[\p{Cc}\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/gu

const graphemes = (s: string): string[] => {
  const Seg = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter
  if (Seg === undefined) return Array.from(s)
  return Array.from(new Seg(undefined, { granularity: 'grapheme' }).segment(s), (x) => x.segment)
}

/**
 * A name as a person typed it or a peer published it, made safe to show as text and to publish:
 * markup and control characters removed, white space collapsed, at most NAME_MAX characters.
 * Names are always rendered as text, never as HTML; removing markup keeps "<b>Ana</b>" readable.
 * Anything that is not a string gives null (the caller shows the default name).
 */
export const cleanName = (raw: unknown): CleanedName => {
  if (typeof raw !== 'string') return { name: null, changes: raw === undefined || raw === null ? [] : ['the name was not text'] }
  const changes: string[] = []
  // Cut very long input before the regular expressions run over it (10 MB from a hostile peer).
  let s = raw.length > NAME_MAX * 8 ? raw.slice(0, NAME_MAX * 8) : raw
  s = s.normalize('NFC')
  const noTags = s.replace(TAGS, '').replace(ANGLES, '')
  if (noTags !== s) changes.push('markup removed')
  const spaced = noTags.replace(/\s+/gu, ' ')
  const noControls = spaced.replace(CONTROLS, '')
  if (noControls !== spaced) changes.push('control characters removed')
  s = noControls.replace(/ +/g, ' ').trim()
  const chars = graphemes(s)
  if (chars.length > NAME_MAX || raw.length > NAME_MAX * 8) {
    s = chars.slice(0, NAME_MAX).join('').trim()
    changes.push(`cut to ${NAME_MAX} characters`)
  }
  return { name: s === '' ? null : s, changes }
}

/** The page's sentence about a cleaned name, or null when nothing changed. */
export const nameChangeMessage = (cleaned: CleanedName): string | null =>
  cleaned.changes.length === 0
    ? null
    : cleaned.name === null
      ? `That name could not be used (${cleaned.changes.join(', ')}), so the suggested name is kept.`
      : `Your name was cleaned (${cleaned.changes.join(', ')}): it is now “${cleaned.name}”.`

/** A short readable default: the colour's word and two digits of the clientID, e.g. "Blue 37". */
export const defaultName = (colorIndex: number, clientID: number): string => `${colorNameAt(colorIndex)} ${(clientID >>> 0) % 100}`

/** The name to show for a replica: its published name, cleaned, else the default from its colour. */
export const shownName = (published: unknown, colorIndex: number, clientID: number): string =>
  cleanName(published).name ?? defaultName(colorIndex, clientID)

/** What uniqueName needs to know of another replica present. */
export interface NameClaim {
  clientID: number
  name: string
  joined: number
}

/**
 * The name to publish so that no two replicas present read alike: tabs of one browser share the
 * name kept in localStorage. When a replica that joined earlier (ties: the lower clientID)
 * already shows `name`, this one adds its colour's word: "Ana (Orange)"; colours are distinct, so
 * the result is too.
 */
export const uniqueName = (name: string, colorIndex: number, self: { clientID: number; joined: number }, others: readonly NameClaim[]): string => {
  const key = name.toLocaleLowerCase()
  const taken = others.some(
    (o) =>
      o.clientID !== self.clientID &&
      o.name.toLocaleLowerCase() === key &&
      (o.joined < self.joined || (o.joined === self.joined && o.clientID < self.clientID)),
  )
  if (!taken) return name
  const suffix = ` (${colorNameAt(colorIndex)})`
  const room = Math.max(1, NAME_MAX - Array.from(suffix).length)
  // Stays within NAME_MAX, so that readers, who cut at NAME_MAX, keep the suffix.
  return `${graphemes(name).slice(0, room).join('').trim()}${suffix}`
}
