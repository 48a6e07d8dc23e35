/**
 * Replica colours: calm, distinct, readable on a projector. No red: on this page red means A ≠ A′.
 * A replica's colour depends only on its clientID, so it is the same in every tab and every view.
 */
export const REPLICA_COLORS = [
  '#2563eb', // blue
  '#ea580c', // orange
  '#16a34a', // green
  '#9333ea', // purple
  '#0891b2', // cyan
  '#db2777', // magenta
  '#a16207', // ochre
  '#4338ca', // indigo
  '#0d9488', // teal
  '#65a30d', // lime
  '#7c2d12', // brown
  '#475569', // slate
] as const

/** Index into REPLICA_COLORS for a clientID (a multiplicative hash spreads consecutive ids). */
export const colorIndexOf = (clientID: number): number => (Math.imul(clientID >>> 0, 2654435761) >>> 0) % REPLICA_COLORS.length

export const replicaColor = (clientID: number): string => REPLICA_COLORS[colorIndexOf(clientID)]

/** Words for the palette's colours, for default names ("Blue 37") and sentences. */
export const COLOR_NAMES = [
  'Blue',
  'Orange',
  'Green',
  'Purple',
  'Cyan',
  'Magenta',
  'Ochre',
  'Indigo',
  'Teal',
  'Lime',
  'Brown',
  'Slate',
] as const

/** How many colour indices `colorAt` knows; a class larger than this shares colours (names still differ). */
export const MAX_COLORS = 64

/**
 * The colour for an index: the palette first, then hues spread by the golden angle, kept out of
 * the reds (red means A ≠ A′ here). Indices wrap at MAX_COLORS.
 */
export const colorAt = (index: number): string => {
  const i = ((Math.floor(index) % MAX_COLORS) + MAX_COLORS) % MAX_COLORS
  if (i < REPLICA_COLORS.length) return REPLICA_COLORS[i]
  const hue = 25 + ((i * 137.508) % 310)
  return `hsl(${Math.round(hue)} 70% ${i % 2 === 0 ? 36 : 44}%)`
}

/** The word for a colour index: "Blue", …, then "Colour 13". */
export const colorNameAt = (index: number): string => COLOR_NAMES[index] ?? `Colour ${index + 1}`

/** The index of a colour `colorAt` made, or null for any other string (so a peer cannot publish arbitrary CSS). */
export const colorIndexOfCss = (css: unknown): number | null => {
  if (typeof css !== 'string') return null
  for (let i = 0; i < MAX_COLORS; i++) if (colorAt(i) === css) return i
  return null
}

/** What one replica claims in awareness: its colour and when it joined (ms since the epoch, its own clock). */
export interface ColorClaim {
  clientID: number
  /** Its colour index, or null when it published none (or one not from `colorAt`). */
  color: number | null
  joined: number
}

/** Earlier joiners first; equal times broken by the lower clientID, so every tab ranks alike. */
const before = (a: ColorClaim, b: ColorClaim): boolean => a.joined < b.joined || (a.joined === b.joined && a.clientID < b.clientID)

/**
 * The colour index this replica should publish, given the claims of the others present. A replica
 * keeps its colour unless someone who joined before it holds the same one; then it, and only it,
 * moves to the lowest index nobody earlier holds. Every replica runs this on what awareness tells
 * it, so in a room of at most MAX_COLORS replicas the colours become distinct (the earliest never
 * moves, the next moves at most once, and so on) and are the same in every tab, since each tab
 * shows what each replica published. A newcomer (color null) takes the lowest free index, so
 * colours follow the order of joining: blue, orange, green…
 */
export const chooseColorIndex = (self: ColorClaim, others: readonly ColorClaim[]): number => {
  const taken = new Set<number>()
  for (const o of others) if (o.clientID !== self.clientID && o.color !== null && before(o, self)) taken.add(o.color)
  if (self.color !== null && !taken.has(self.color)) return self.color
  for (let i = 0; i < MAX_COLORS; i++) if (!taken.has(i)) return i
  return colorIndexOf(self.clientID)
}

/**
 * The colour to show for a replica from what it published: its own colour when it is one of ours,
 * else the fallback from its clientID (deterministic, the same in every tab).
 */
export const shownColor = (clientID: number, published: unknown): string => {
  const i = colorIndexOfCss(published)
  return i === null ? replicaColor(clientID) : colorAt(i)
}
