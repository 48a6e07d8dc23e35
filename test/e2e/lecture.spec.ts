import type { Locator, Page } from '@playwright/test'
import { expect, linkTo, test } from './fixtures'

declare global {
  interface Window {
    aprimeLecture: { store: { getState(): { frame: { now: number }; experiment: { status: string } } } }
  }
}

const liveTable = (page: Page) => page.getByRole('table', { name: /^Live run/ })
const row = (table: Locator, id: string) => table.locator(`tbody tr[data-approach="${id}"]`)
/** Cells of a summary row (the row header is a th): 1 p50, 4 availability now / no fault, 6 in faults, 8 writes not yet everywhere, 9 lost for good. */
const cell = (r: Locator, i: number) => r.locator('td').nth(i)
const virtualNow = (page: Page) => page.evaluate(() => window.aprimeLecture.store.getState().frame.now)

test.describe('the lecture view (?view=lecture)', () => {
  test('loads its lazy chunk, runs in virtual time, and shows six approaches and a six-row table', async ({ page }) => {
    const scripts: string[] = []
    page.on('response', (r) => {
      if (r.url().endsWith('.js')) scripts.push(`${r.status()} ${new URL(r.url()).pathname}`)
    })
    await page.goto(linkTo({ view: 'lecture' }))
    await expect(page.getByRole('heading', { name: 'What each answer costs' })).toBeVisible()
    await expect(page.getByRole('article')).toHaveCount(6)
    const table = liveTable(page)
    await expect(table.locator('tbody tr')).toHaveCount(6)
    await expect(table.locator('tbody th')).toHaveText(['Shared database', 'Cache + database', 'Cookies', 'Functional', 'CRDT replicas', 'Cookies + CRDT'])
    // Time moves on its own, and numbers arrive.
    await expect.poll(() => virtualNow(page)).toBeGreaterThan(1500)
    await expect(cell(row(table, 'shared-db'), 1)).toHaveText(/^\d+(\.\d)?$/)
    expect(scripts.some((s) => /^200 .*\/assets\/mountLecture-[\w-]+\.js$/.test(s)), scripts.join('\n')).toBe(true)
    // Pause stops virtual time.
    await page.getByRole('button', { name: 'Pause' }).click()
    const paused = await virtualNow(page)
    await page.getByRole('button', { name: 'Play' }).waitFor()
    await page.waitForTimeout(300) // nothing to await: checking that time does NOT move
    expect(await virtualNow(page)).toBe(paused)
  })

  test('"Kill the database" drops the shared-database row\'s availability; recovering brings it back', async ({ page }) => {
    await page.goto(linkTo({ view: 'lecture' }))
    const table = liveTable(page)
    const db = row(table, 'shared-db')
    await expect(cell(db, 4)).toHaveText('100%')
    const kill = page.getByRole('button', { name: 'Kill the database', exact: true })
    await kill.click()
    await expect(kill).toHaveAttribute('aria-pressed', 'true')
    await expect(page.locator('#fault-status-kill-db')).toHaveText(/^on since/)
    await expect(cell(db, 4)).toHaveText('0%')
    await expect(cell(db, 6)).toHaveText('0%')
    // Approaches with no database keep answering, and their panels say the fault does not apply.
    await expect(cell(row(table, 'crdt'), 4)).toHaveText('100%')
    await expect(page.getByRole('article', { name: /CRDT replicas/ }).getByText('Kill the database: n/a here')).toBeVisible()
    // The diagram crosses the database out.
    await expect(page.locator('[data-approach="shared-db"] .node-down[data-node="DB"]')).toHaveCount(1)

    await kill.click()
    await expect(kill).toHaveAttribute('aria-pressed', 'false')
    await expect(page.locator('#fault-status-kill-db')).toHaveText('recovering…')
    await expect(cell(db, 4)).toHaveText('100%')
    await expect(page.locator('[data-approach="shared-db"] .node-down')).toHaveCount(0)
    await expect(page.locator('#fault-status-kill-db')).toHaveText('off')
  })

  test('"Run the standard experiment" fills the table off the main thread', async ({ page }) => {
    await page.goto(linkTo({ view: 'lecture' }))
    await expect(liveTable(page).locator('tbody tr')).toHaveCount(6)
    const worker = page.waitForEvent('worker')
    await page.getByRole('button', { name: 'Run the standard experiment' }).click()
    // The run is done in a Web Worker (not on the page's thread)…
    expect((await worker).url()).toMatch(/standardExperiment\.worker/)
    // …so the page keeps drawing frames meanwhile. How many depends on the machine's speed (a
    // fast run can end within a few frames): the page must not stall, however long the run.
    const frames = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let n = 0
          const f = () => {
            n++
            if (window.aprimeLecture.store.getState().experiment.status === 'running') requestAnimationFrame(f)
            else resolve(n)
          }
          requestAnimationFrame(f)
        }),
    )
    expect(frames).toBeGreaterThan(2)
    const table = page.getByRole('table', { name: /^Standard experiment, seed 1:/ })
    await expect(table).toBeVisible()
    await expect(table.locator('tbody tr')).toHaveCount(6)
    // Availability while faults were on: the database's single point of failure shows, the CRDT replicas do not fail.
    await expect(cell(row(table, 'shared-db'), 6)).toHaveText(/^\d{1,2}%$/)
    await expect(cell(row(table, 'crdt'), 6)).toHaveText('100%')
    // Cookies lose the carts they held when cleared.
    expect(Number(await cell(row(table, 'cookies'), 9).textContent())).toBeGreaterThan(0)
    await expect(page.getByRole('button', { name: 'Standard experiment', exact: true })).toHaveAttribute('aria-pressed', 'true')
    await page.getByRole('button', { name: 'Live', exact: true }).click()
    await expect(liveTable(page)).toBeVisible()
  })

  test('?seed= picks the seed, and Reset with a new seed writes it into the link', async ({ page }) => {
    await page.goto(linkTo({ view: 'lecture', seed: '7' }))
    const seed = page.getByLabel('Seed')
    await expect(seed).toHaveValue('7')
    await expect(liveTable(page)).toHaveAccessibleName(/seed 7/)
    await seed.fill('12')
    await page.getByRole('button', { name: 'Reset' }).click()
    await expect(page).toHaveURL(/[?&]seed=12(&|$)/)
    await expect(liveTable(page)).toHaveAccessibleName(/seed 12/)
  })
})
