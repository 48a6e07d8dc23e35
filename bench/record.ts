import { mkdirSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'

/** One benchmark figure. `name` is stable across runs; `goal` says what passes (for example "<= 1.5"), or null. */
export interface BenchResult {
  name: string
  value: number
  unit: string
  goal: string | null
}

export const OUT_DIR = join(import.meta.dirname, 'out')

/** Writes one bench file's results to bench/out/<file>.json; scripts/bench.mjs merges them. */
export const record = (file: string, results: BenchResult[]): void => {
  mkdirSync(OUT_DIR, { recursive: true })
  writeFileSync(join(OUT_DIR, `${basename(file).replace(/\.bench\.ts$/, '')}.json`), `${JSON.stringify(results, null, 2)}\n`)
}

/** Median of a non-empty list. */
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** The p-th percentile (0..100), nearest rank. */
export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]
}
