import { expect, openLive, test, uniqueRoom } from './fixtures'

// Issue 15: projector mode used to leave the bottom third of a 1920×1080 screen empty.
test('projector mode at 1920×1080 fills the screen: the cards reach the bottom, the text grows, nothing scrolls', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
  try {
    const page = await openLive(context, { room: uniqueRoom('projector-fill'), signaling: '', mode: 'projector' })
    await expect(page.locator('.live')).toHaveAttribute('data-mode', 'projector')
    const m = await page.evaluate(() => ({
      text: document.querySelector('.play-text')!.getBoundingClientRect().bottom,
      notes: document.querySelector('.play-notes')!.getBoundingClientRect().bottom,
      area: document.querySelector('.shared-text')!.getBoundingClientRect().height,
      scroll: document.documentElement.scrollHeight - document.documentElement.clientHeight,
    }))
    expect(m.text).toBeGreaterThan(1080 * 0.9)
    expect(m.notes).toBeGreaterThan(1080 * 0.9)
    expect(m.area).toBeGreaterThan(400)
    expect(m.scroll).toBeLessThanOrEqual(0)
  } finally {
    await context.close()
  }
})
