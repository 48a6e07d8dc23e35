import { expect, test } from './fixtures'

// Issue 15: the lecture on a 1280×720 projector.
test('lecture at 1280×720: the header keeps its sentence, the whole table fits without sideways scroll, node labels ≥ 16 px, words not symbols, a fault read in one line', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  try {
    const page = await context.newPage()
    await page.goto('./?view=lecture&seed=3')
    const thesis = page.locator('.lecture-top .thesis')
    await expect(thesis).toContainText('Client C sends to A and to A′')
    await expect(thesis).toBeInViewport({ ratio: 1 })

    const table = page.locator('.summary .table-wrap')
    await table.scrollIntoViewIfNeeded()
    expect(await table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0)
    await expect(page.locator('.summary-table thead')).toContainText('State held (bytes)')
    await expect(page.locator('.summary-table thead')).toContainText('clients')
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    // Notation in words: "same code, same state", not "code = · state =".
    await expect(page.locator('.summary-table tbody tr').first()).toContainText('same code')
    await expect(page.locator('.summary-table')).not.toContainText('code =')

    const labels = await page.evaluate(() =>
      [...document.querySelectorAll('.diagram .node > text:first-of-type')].map((t) => ({ text: t.textContent, px: Math.round(t.getBoundingClientRect().height) })),
    )
    expect(labels.length).toBeGreaterThanOrEqual(20)
    // the rendered glyph box of a 16 px font is about 16 px tall or more
    expect(labels.filter((l) => l.px < 16)).toEqual([])

    await page.getByRole('button', { name: 'Kill A', exact: true }).click()
    await page.waitForTimeout(1500)
    const reading = page.getByTestId('fault-reading')
    await expect(reading).toContainText(/^Kill A: /)
    await expect(reading).toBeInViewport()
  } finally {
    await context.close()
  }
})
