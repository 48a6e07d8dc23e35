// @vitest-environment happy-dom
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { runInPage } from '../../src/app/lecture/runExperiment'
import { type LectureApp, startLecture } from '../../src/app/lecture/startLecture'
import { APPROACH_IDS, type ApproachId } from '../../src/core/lecture/types'
import { fmtMs } from '../../src/ui/lecture/format'
import { LectureStoreProvider } from '../../src/ui/lecture/lectureContext'
import { LectureView } from '../../src/ui/lecture/LectureView'
import { APPROACH_NAMES } from '../../src/ui/lecture/names'

let app: LectureApp | null = null
afterEach(() => {
  app?.destroy()
  app = null
})

/** The lecture view over a lecture that stands still until the test moves virtual time (no frames, no timers). */
const renderLecture = (opts: Parameters<typeof startLecture>[0] = { seed: 3 }) => {
  app = startLecture({ autoplay: false, ...opts })
  render(
    <LectureStoreProvider value={app.store}>
      <LectureView />
    </LectureStoreProvider>,
  )
  return app
}

const step = (a: LectureApp, ms: number) => act(() => a.store.getState().actions.stepBy(ms))

const summaryTable = (name: RegExp = /^Live run/) => screen.getByRole('table', { name })

const row = (table: HTMLElement, id: ApproachId) => {
  const r = table.querySelector<HTMLTableRowElement>(`tbody tr[data-approach="${id}"]`)
  if (r === null) throw new Error(`no row for ${id}`)
  return r
}

/** The row's cells under the header "now" / "no fault", "overall", "in faults" (columns 6, 7, 8 counting the row header). */
const availabilityCells = (r: HTMLTableRowElement) => {
  const cells = [...r.querySelectorAll('td')]
  return { first: cells[4].textContent, overall: cells[5].textContent, inFaults: cells[6].textContent }
}

describe('lecture summary table', () => {
  test('has one row per approach, in the lecture order, with numbers from the store', async () => {
    const a = renderLecture()
    step(a, 3000)
    const table = summaryTable()
    const rows = within(table).getAllByRole('row').filter((r) => r.closest('tbody') !== null)
    expect(rows.map((r) => r.getAttribute('data-approach'))).toEqual([...APPROACH_IDS])
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(APPROACH_IDS.map((id) => APPROACH_NAMES[id]))
    const numbers = a.store.getState().numbers
    for (const id of APPROACH_IDS) {
      const m = numbers[id]!
      expect(m.requests).toBeGreaterThan(50)
      const cells = [...row(table, id).querySelectorAll('td')]
      expect(cells[1].textContent, `${id} p50`).toBe(fmtMs(m.latency.p50))
      expect(cells[2].textContent, `${id} p95`).toBe(fmtMs(m.latency.p95))
    }
    // The point of the lecture, in two numbers: a database round trip costs; local state does not.
    expect(numbers['shared-db']!.latency.p50!).toBeGreaterThan(numbers.crdt!.latency.p50! + 10)
  })

  test('clicking "Kill the database" injects it: the store and the table change, and recovering brings availability back', () => {
    const a = renderLecture()
    step(a, 2000)
    const table = summaryTable()
    expect(availabilityCells(row(table, 'shared-db')).first).toBe('100%')
    expect(availabilityCells(row(table, 'shared-db')).inFaults).toBe('—')

    const button = screen.getByRole('button', { name: 'Kill the database' })
    expect(button.getAttribute('aria-pressed')).toBe('false')
    fireEvent.click(button)
    expect(button.getAttribute('aria-pressed')).toBe('true')
    expect(a.store.getState().faults['kill-db'].phase).toBe('active')
    expect(a.lecture().activeFaults).toEqual(['kill-db'])
    // Approaches without a database say so.
    const cookies = screen.getByRole('article', { name: /Cookies$/ })
    expect(within(cookies).getByText('Kill the database: n/a here')).toBeTruthy()

    step(a, 1500)
    const during = availabilityCells(row(summaryTable(), 'shared-db'))
    expect(during.first).toBe('0%')
    expect(during.inFaults).toBe('0%')
    expect(availabilityCells(row(summaryTable(), 'crdt')).first).toBe('100%')
    const matrixRow = screen.getByRole('table', { name: /each fault was on/ }).querySelector('tbody tr[data-approach="shared-db"]')!
    expect(matrixRow.querySelectorAll('td')[1].textContent).toBe('0%')

    fireEvent.click(button)
    expect(a.store.getState().faults['kill-db'].phase).toBe('recovering')
    expect(a.lecture().activeFaults).toEqual([])
    expect(screen.getByText('recovering…')).toBeTruthy()
    step(a, 1500)
    expect(availabilityCells(row(summaryTable(), 'shared-db')).first).toBe('100%')
    step(a, 1000)
    expect(a.store.getState().faults['kill-db'].phase).toBe('off')
  })

  test('the standard experiment fills the table with its own numbers, and "Live" goes back', async () => {
    // A shorter run of the same experiment keeps the test fast: faults up to 6 s (kill A, then the database).
    const a = renderLecture({ seed: 1, runExperiment: (o) => runInPage({ ...o, durationMs: 6000 }) })
    step(a, 500)
    fireEvent.click(screen.getByRole('button', { name: 'Run the standard experiment' }))
    expect(a.store.getState().experiment.status).toBe('running')
    const table = await screen.findByRole('table', { name: /^Standard experiment, seed 1/ }, { timeout: 20_000 })
    const summary = a.store.getState().experiment.summary!
    expect(summary.requests).toBeGreaterThan(150)
    expect(within(table).getAllByRole('row').filter((r) => r.closest('tbody') !== null)).toHaveLength(6)
    const db = availabilityCells(row(table, 'shared-db'))
    expect(db.first).toBe('100%')
    expect(db.inFaults).not.toBe('100%')
    expect(db.inFaults).not.toBe('—')
    expect(availabilityCells(row(table, 'crdt')).inFaults).toBe('100%')
    fireEvent.click(screen.getByRole('button', { name: 'Live' }))
    expect(summaryTable()).toBeTruthy()
  })

  test('Reset with another seed starts over at time 0 with no fault', () => {
    const a = renderLecture()
    step(a, 1000)
    fireEvent.click(screen.getByRole('button', { name: 'Kill A' }))
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '42' } })
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }))
    const s = a.store.getState()
    expect(s.seed).toBe(42)
    expect(s.frame.now).toBe(0)
    expect(s.faults['kill-a'].phase).toBe('off')
    expect(a.lecture().activeFaults).toEqual([])
    expect(screen.getByRole('button', { name: 'Kill A' }).getAttribute('aria-pressed')).toBe('false')
  })
})

describe('writes: not yet everywhere versus lost for good', () => {
  test('a partition under CRDT replicas: writes on their way, none lost; after healing, none on their way', () => {
    const a = renderLecture({ seed: 13 })
    step(a, 2000)
    fireEvent.click(screen.getByRole('button', { name: 'Partition A from A′' }))
    step(a, 2000)
    const cells = () => {
      const tds = [...row(summaryTable(), 'crdt').querySelectorAll('td')]
      return { notYet: Number(tds[8].textContent), lost: Number(tds[9].textContent) }
    }
    const during = cells()
    expect(during.notYet).toBeGreaterThan(0)
    expect(during.lost).toBe(0)
    fireEvent.click(screen.getByRole('button', { name: 'Partition A from A′' }))
    act(() => a.store.getState().actions.setRequestRate(0))
    step(a, 1500)
    expect(cells()).toEqual({ notYet: 0, lost: 0 })
  })

  test('the compact layout hides the explanations; the full layout shows them', () => {
    const a = renderLecture({ seed: 3, compact: true })
    step(a, 500)
    expect(document.querySelector('.lecture')?.getAttribute('data-layout')).toBe('compact')
    expect(document.querySelector('.words')).toBeNull()
    fireEvent.click(screen.getByLabelText('Compact'))
    expect(a.store.getState().compact).toBe(false)
    expect(document.querySelectorAll('.words').length).toBe(6)
  })
})
