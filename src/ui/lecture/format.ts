/** Number formats for the lecture: short, stable widths, "—" when there is nothing to show. */

export const NONE = '—'

export const fmtMs = (ms: number | null): string => (ms === null ? NONE : ms < 10 ? ms.toFixed(1) : String(Math.round(ms)))

/** Rounded down, so a single failure never shows as 100%. */
export const fmtPct = (x: number | null): string => {
  if (x === null) return NONE
  if (x >= 1) return '100%'
  if (x >= 0.99) return `${(Math.floor(x * 1000) / 10).toFixed(1)}%`
  return `${Math.floor(x * 100)}%`
}

export const fmtBytes = (n: number): string => {
  if (n < 1000) return `${n} B`
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)} kB`
  return `${(n / 1_000_000).toFixed(1)} MB`
}

/** Virtual time, in seconds with one decimal. */
export const fmtTime = (ms: number): string => `${(ms / 1000).toFixed(1)} s`

export const fmtNumber = (x: number | null, digits = 1): string => (x === null ? NONE : x.toFixed(digits))

/** Availability is "bad" (shown in red) below this. */
export const AVAILABILITY_OK = 0.99
