/**
 * Virtual times are kept on a grid of 1/1024 ms. Sums and differences of such numbers are exact
 * in floating point (below 2^43 ms), so `now + (arrival − now)` is exactly `arrival`, and two
 * messages given the same arrival on a FIFO link can never swap by a rounding error.
 */
export const TICKS_PER_MS = 1024

export const quantize = (ms: number): number => Math.round(ms * TICKS_PER_MS) / TICKS_PER_MS
