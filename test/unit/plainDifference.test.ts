import { describe, expect, test } from 'vitest'
import { plainDifference } from '../../src/core/plainDifference'

const names: Record<number, string> = { 1: 'Ana', 2: 'Jun', 3: 'Thomas' }
const nameOf = (c: number) => names[c] ?? `replica ${c}`
const side = (name: string, sv: Record<string, number>, over: { digest?: string; code?: string; pending?: boolean } = {}) => ({
  name,
  info: { code: over.code ?? 'b1', digest: over.digest ?? JSON.stringify(sv), sv, pending: over.pending ?? false },
})

describe('plain words for what differs (the wall), jargon left to the inspector', () => {
  test('missing edits are said per writer, for each side, with no "updates" or "lacks"', () => {
    const words = plainDifference(side('group 1', { 1: 10, 3: 2 }), side('group 2', { 1: 0, 2: 5 }), nameOf)
    expect(words).toEqual(["group 2 has not seen 10 of Ana's edits", "group 2 has not seen 2 of Thomas' edits", "group 1 has not seen 5 of Jun's edits"])
    for (const w of words) expect(w).not.toMatch(/lacks|update|A′/)
  })

  test('equal states say nothing; deletions, other code and waiting are said plainly', () => {
    expect(plainDifference(side('Ana', { 1: 3 }), side('Jun', { 1: 3 }), nameOf)).toEqual([])
    expect(plainDifference(side('Ana', { 1: 3 }, { digest: 'x' }), side('Jun', { 1: 3 }, { digest: 'y' }), nameOf)).toEqual([
      'Ana and Jun have the same edits, but a deletion has not reached both yet',
    ])
    expect(plainDifference(side('Ana', { 1: 3 }), side('Jun', { 1: 3 }, { code: 'b2', pending: true }), nameOf)).toEqual([
      'Jun runs another version of the app than Ana',
      'Jun is waiting for earlier edits before it can show some',
    ])
  })
})
