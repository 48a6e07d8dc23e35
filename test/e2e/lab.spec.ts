import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import type { Page } from '@playwright/test'
import { expect, linkTo, test } from './fixtures'

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', name)

const openLab = async (page: Page, q: Record<string, string> = {}) => {
  const response = await page.goto(linkTo({ view: 'lab', ...q }))
  expect(response?.status()).toBe(200)
  await expect(replica(page, 'A')).toBeVisible()
}

const replica = (page: Page, name: string) => page.getByRole('article', { name: `Replica ${name}`, exact: true })
const textBox = (page: Page, name: string) => replica(page, name).getByLabel('Shared text')
const verdict = (page: Page) => page.getByTestId('lab-verdict')
const matrixCells = (page: Page) => page.getByRole('table', { name: 'A = A′ matrix' }).locator('td')

test('partition, edit on both sides, heal: the A = A′ matrix becomes all equal', async ({ page }) => {
  await openLab(page)
  await expect(replica(page, 'A‴')).toBeVisible()
  await expect(matrixCells(page)).toHaveCount(16)
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'equal')

  await page.getByRole('button', { name: 'Partition', exact: true }).click()
  await page.getByText('Groups, by keyboard').click()
  await expect(page.getByRole('combobox', { name: 'Group of A‴' })).toHaveValue('1')
  await expect(page.getByRole('combobox', { name: 'Group of A′' })).toHaveValue('0')

  await textBox(page, 'A').pressSequentially('left side ')
  await textBox(page, 'A‴').pressSequentially('right side ')
  // Each side converges within its group and not across it.
  await expect(textBox(page, 'A′')).toHaveValue('left side ')
  await expect(textBox(page, 'A″')).toHaveValue('right side ')
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'differs')
  await expect(matrixCells(page).filter({ hasText: '≠' })).toHaveCount(8)
  await expect(textBox(page, 'A')).toHaveValue('left side ')

  await page.getByRole('button', { name: 'Heal', exact: true }).click()
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'equal', { timeout: 15_000 })
  await expect(matrixCells(page).filter({ hasText: '=' })).toHaveCount(16)
  await expect(matrixCells(page).filter({ hasText: '≠' })).toHaveCount(0)
  const texts = await Promise.all(['A', 'A′', 'A″', 'A‴'].map((n) => textBox(page, n).inputValue()))
  expect(new Set(texts).size).toBe(1)
  expect(texts[0]).toContain('left side ')
  expect(texts[0]).toContain('right side ')
})

test('importing friendsforever through "Import trace" ends with every replica holding its endContent', async ({ page }) => {
  test.setTimeout(180_000)
  const endContent = JSON.parse(gunzipSync(readFileSync(fixture('friendsforever.json.gz'))).toString('utf8')).endContent as string
  await openLab(page, { replicas: '3' })
  await page.getByLabel(/Import trace/).setInputFiles(fixture('friendsforever.json.gz'))
  const card = page.getByTestId('trace')
  await expect(card).toHaveAttribute('data-phase', 'typing', { timeout: 30_000 })
  await expect(page.getByRole('progressbar', { name: 'Trace progress' })).toBeVisible()
  await expect(card).toHaveAttribute('data-phase', 'done', { timeout: 150_000 })
  await expect(card).toContainText("every replica's text equals the trace's end content")
  for (const name of ['A', 'A′', 'A″']) await expect(textBox(page, name)).toHaveValue(endContent)
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'equal')
})

test('a malformed trace file shows a clear message', async ({ page }) => {
  await openLab(page)
  await page.getByLabel(/Import trace/).setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"txns": [ [0, 0') })
  await expect(page.getByRole('alert')).toContainText('Could not import “broken.json”: not JSON')
  // A gzip file that is not a trace either: decompressed in the browser, then refused by the checks.
  await page.getByLabel(/Import trace/).setInputFiles({ name: 'other.json.gz', mimeType: 'application/gzip', buffer: Buffer.from(gunzipSafe()) })
  await expect(page.getByRole('alert')).toContainText('Could not import “other.json.gz”: endContent must be a string')
  // A damaged gzip (its magic, then bytes from a fixed formula): in words, not "Failed to fetch".
  const damaged = Buffer.from([0x1f, 0x8b, 8, 0, ...Array.from({ length: 200 }, (_, i) => (i * 97 + 17) % 256)])
  await page.getByLabel(/Import trace/).setInputFiles({ name: 'random.gz', mimeType: 'application/gzip', buffer: damaged })
  await expect(page.getByRole('alert')).toContainText('Could not import “random.gz”: the file does not decompress: it starts like a gzip file, but is damaged or not gzip at all')
  await expect(page.getByRole('alert')).not.toContainText('Failed to fetch')
  // The replicas still work.
  await textBox(page, 'A').pressSequentially('still here')
  await expect(textBox(page, 'A″')).toHaveValue('still here')
})

/** A gzipped JSON object that is not a trace. */
const gunzipSafe = (): Buffer => gzipSync(Buffer.from('{"hello": "world"}'))

test('a scenario runs a click away and its claim holds', async ({ page }) => {
  await openLab(page)
  await page.getByRole('button', { name: 'Concurrent inserts at the same position' }).click()
  await expect(page.getByTestId('scenario')).toContainText('Yjs places concurrent inserts')
  await page.getByLabel('Speed').selectOption('5')
  await expect(page.getByTestId('scenario').locator('[data-outcome]')).toHaveAttribute('data-outcome', 'held', { timeout: 15_000 })
  await expect(replica(page, 'A″')).toBeVisible()
  await expect(replica(page, 'A‴')).toHaveCount(0)
})

test('"Export run" downloads the run; "Import run" replays it to the same states', async ({ page }) => {
  await openLab(page, { seed: '42' })
  await expect(page.getByRole('textbox', { name: 'Seed' })).toHaveValue('42')
  await textBox(page, 'A').pressSequentially('recorded')
  await replica(page, 'A″').getByRole('button', { name: '+1' }).click()
  await expect(textBox(page, 'A‴')).toHaveValue('recorded')
  await expect(replica(page, 'A').getByLabel('Counter value')).toHaveText('1')
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export run' }).click()
  const file = await (await download).path()
  const run = JSON.parse(readFileSync(file, 'utf8'))
  expect(run.format).toBe('aprime-lab-run')
  expect(run.config.seed).toBe(42)
  expect(run.branches[0].actions.length).toBeGreaterThan(8) // one hand edit per key, and the counter
  const digest = await replica(page, 'A‴').locator('.replica-digest').getAttribute('title')

  await page.getByRole('button', { name: 'New run' }).click()
  await expect(textBox(page, 'A')).toHaveValue('')
  await page.getByLabel('Import run').setInputFiles(file)
  await expect(page.getByRole('status').filter({ hasText: 'every replica' })).toContainText("every replica's digest matches the recording")
  await expect(textBox(page, 'A‴')).toHaveValue('recorded')
  await expect(replica(page, 'A‴').locator('.replica-digest')).toHaveAttribute('title', digest ?? '')
})
