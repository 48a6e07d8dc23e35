import { expect, test } from './fixtures'

// Issue 15: on a 1280×720 projector every slider of the lab's left column stays usable.
test('lab at 1280×720: every slider in the left column (network, workload) is at least 120 px wide', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  try {
    const page = await context.newPage()
    await page.goto('./?view=lab&seed=7')
    await expect(page.locator('.lab-side input[type="range"]').first()).toBeAttached()
    const widths = await page.evaluate(() =>
      [...document.querySelectorAll('.lab-side input[type="range"]')].map((el) => {
        el.scrollIntoView({ block: 'nearest' })
        const label = el.closest('.slider')?.querySelector('label')?.textContent ?? el.getAttribute('aria-label') ?? '?'
        return { label, width: Math.round(el.getBoundingClientRect().width) }
      }),
    )
    expect(widths.length).toBeGreaterThanOrEqual(6)
    expect(widths.filter((w) => w.width < 120)).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
  } finally {
    await context.close()
  }
})
