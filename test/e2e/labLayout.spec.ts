import type { Page } from '@playwright/test'
import { expect, linkTo, test } from './fixtures'

/** The element lies wholly inside the viewport (no scrolling needed to see it). */
const inViewport = async (page: Page, selector: string) => {
  const box = await page.locator(selector).first().boundingBox()
  const vp = page.viewportSize()
  expect(box, selector).not.toBeNull()
  if (box === null || vp === null) return
  expect(box.y, `${selector} top`).toBeGreaterThanOrEqual(0)
  expect(box.y + box.height, `${selector} bottom`).toBeLessThanOrEqual(vp.height)
  expect(box.x + box.width, `${selector} right`).toBeLessThanOrEqual(vp.width)
}

const noSideScroll = async (page: Page) => {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }))
  expect(scroll).toBeLessThanOrEqual(client)
}

for (const [width, height] of [
  [1920, 1080],
  [1280, 720],
] as const) {
  test(`lab at ${width}×${height}: the verdict, the diagram and its timeline in the first screen, one-line top bar, no sideways scroll`, async ({ page }) => {
    await page.setViewportSize({ width, height })
    await page.goto(linkTo({ view: 'lab', scenario: 'partition-heal' }))
    await expect(page.getByTestId('lab-verdict')).toBeVisible()
    await inViewport(page, '[data-testid="lab-verdict"]')
    await inViewport(page, '.diagram-canvas')
    await inViewport(page, '[data-testid="timeline"] .timeline-slider')
    const bar = await page.locator('.lab-topbar').boundingBox()
    expect(bar?.height ?? 999).toBeLessThan(80)
    await noSideScroll(page)
    // The explanation folds away (folded from the start on a short screen).
    const explanation = page.locator('.scenario-explanation')
    expect(await explanation.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(height >= 900)
    await explanation.locator('summary').click()
    expect(await explanation.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(height < 900)
  })
}

test('state vectors: the same names in the same order on both axes, a gap reads "lacks N"', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.goto(linkTo({ view: 'lab', seed: '2' }))
  await page.getByRole('button', { name: 'Partition', exact: true }).click()
  await page.getByRole('article', { name: 'Replica A', exact: true }).getByLabel('Shared text').pressSequentially('gap')
  const table = page.getByRole('table', { name: 'State vectors' })
  await expect(table.locator('td.sv-gap').first()).toHaveText(/^lacks \d+$/)
  const cols = await table.locator('thead th').allTextContents()
  const rows = await table.locator('tbody th').allTextContents()
  expect(cols.slice(1, rows.length + 1)).toEqual(rows)
  expect(rows).toEqual(['A', 'A′', 'A″', 'A‴'])
})

test('32 replicas at 1920×1080: compact cards, the diagram in the first screen, no sideways scroll', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.goto(linkTo({ view: 'lab', replicas: '32' }))
  await expect(page.getByRole('article', { name: /^Replica / })).toHaveCount(32)
  await expect(page.locator('.replica-card.compact')).toHaveCount(32)
  await inViewport(page, '.diagram-canvas')
  await inViewport(page, '[data-testid="lab-verdict"]')
  await noSideScroll(page)
  await page.getByRole('button', { name: 'Start workload' }).click()
  await expect(page.getByTestId('lab-verdict')).toHaveAttribute('data-verdict', 'differs', { timeout: 10_000 })
})
