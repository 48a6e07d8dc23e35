/** The speeds the lecturer can pick: virtual ms per wall ms. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const
export const MIN_SPEED = SPEEDS[0]
export const MAX_SPEED = SPEEDS[SPEEDS.length - 1]
