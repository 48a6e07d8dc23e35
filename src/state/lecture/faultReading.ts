import type { FaultKind } from '../../core/lecture/types'
import type { FaultCell } from './summaryRows'

/** Why a fault can leave every approach answering: what the clients do instead. */
const WHEN_ALL_ANSWER: Readonly<Partial<Record<FaultKind, string>>> = {
  'kill-a': 'C and D fail over to A′',
  'kill-cache': 'a missed cache read goes to the database',
  partition: 'the clients still reach both servers',
  'slow-link': 'C waits longer, or fails over to A′',
  'overload-a': 'A’s refusals send C and D to A′',
  'clear-cookies': 'the servers start the users again',
  'tamper-cookie': 'a forged cookie is answered, or refused, at once',
}

/**
 * One line saying what a fault showed, from its column of the availability grid: who stopped
 * answering and how much, or that every approach kept answering and why. Null before the fault
 * was injected (no numbers yet).
 */
export const faultReading = (fault: FaultKind, label: string, rows: ReadonlyArray<{ title: string; cells: Readonly<Record<FaultKind, FaultCell>> }>): string | null => {
  const measured = rows.flatMap((r) => {
    const c = r.cells[fault]
    return typeof c === 'number' ? [{ title: r.title, a: c }] : []
  })
  if (measured.length === 0) return null
  const hurt = measured.filter((m) => m.a < 0.995).sort((x, y) => x.a - y.a)
  const untouched = rows.length - measured.length
  const na = untouched > 0 ? ` (${untouched} had nothing for it to hit)` : ''
  if (hurt.length === 0) {
    const why = WHEN_ALL_ANSWER[fault]
    return `${label}: every approach kept answering${why === undefined ? '' : ` — ${why}`}${na}.`
  }
  const pct = (a: number) => `${Math.round(a * 100)}%`
  const list = hurt.map((m) => `${m.title} answered ${pct(m.a)}`).join(', ')
  const kept = measured.length - hurt.length
  return `${label}: ${list}; ${kept === 0 ? 'none kept answering every request' : `${kept === 1 ? 'the other one' : `the other ${kept}`} kept answering`}${na}.`
}
