import { colorAt, colorIndexOf, colorIndexOfCss } from './colors'
import { cleanName, defaultName } from './names'

/**
 * Who a replica says it is, from its awareness `user` field ({ name, color, joined }), cleaned:
 * a hostile peer can publish anything, so every field is checked on read.
 */
export interface ReplicaUser {
  clientID: number
  /** The name to show (cleaned; the default "Blue 37" when it published none usable). */
  name: string
  /** True when `name` is the default rather than one the person chose. */
  defaultNamed: boolean
  /** The colour to show: the one it published when it is one of ours, else one from its clientID. */
  color: string
  colorIndex: number
  /** When it joined (its own clock, ms), for ordering colour claims; Infinity when unknown. */
  joined: number
  /** Whether it published a colour of ours (a claim that counts for colour assignment). */
  claimed: boolean
}

export const readUser = (clientID: number, raw: unknown): ReplicaUser => {
  const u = (typeof raw === 'object' && raw !== null ? raw : {}) as { name?: unknown; color?: unknown; joined?: unknown }
  const published = colorIndexOfCss(u.color)
  const colorIndex = published ?? colorIndexOf(clientID)
  const name = cleanName(u.name).name
  return {
    clientID,
    name: name ?? defaultName(colorIndex, clientID),
    defaultNamed: name === null,
    color: colorAt(colorIndex),
    colorIndex,
    joined: typeof u.joined === 'number' && Number.isFinite(u.joined) ? u.joined : Number.POSITIVE_INFINITY,
    claimed: published !== null,
  }
}
