import { describe, expect, test } from 'vitest'
import type { FaultKind } from '../../src/core/lecture/types'
import { faultReading } from '../../src/state/lecture/faultReading'
import type { FaultCell } from '../../src/state/lecture/summaryRows'

const row = (title: string, cell: FaultCell) => ({ title, cells: { 'kill-a': cell } as Record<FaultKind, FaultCell> })

describe('one line for what a fault showed', () => {
  test('every approach kept answering under Kill A: says so, and why (fail-over to A′)', () => {
    const rows = ['Shared database', 'Cache + database', 'Cookies', 'Functional', 'CRDT replicas', 'Cookies + CRDT'].map((t) => row(t, 1))
    expect(faultReading('kill-a', 'Kill A', rows)).toBe('Kill A: every approach kept answering — C and D fail over to A′.')
  })

  test('who lost requests, worst first, and how many kept answering; n/a counted apart; nothing before it was injected', () => {
    const rows = [row('Shared database', 0.4), row('Cache + database', 0.8), row('Cookies', 'n/a'), row('CRDT replicas', 1)]
    expect(faultReading('kill-a', 'Kill the database', rows)).toBe(
      'Kill the database: Shared database answered 40%, Cache + database answered 80%; the other one kept answering (1 had nothing for it to hit).',
    )
    expect(faultReading('kill-a', 'Kill A', [row('Cookies', null), row('CRDT replicas', 'n/a')])).toBeNull()
  })
})
