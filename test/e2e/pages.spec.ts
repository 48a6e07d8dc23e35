import type { Page, Response } from '@playwright/test'
import { E2E_BASE } from '../../playwright.config'
import { expect, expectEqualVerdict, expectLiveReady, linkTo, openLive, sharedText, test, toFront, uniqueRoom } from './fixtures'

/** Every response and failed request of `page` under the site's sub-path, as "STATUS URL". */
const recordTraffic = (page: Page) => {
  const seen: string[] = []
  const underBase = (url: string) => new URL(url).pathname.startsWith(E2E_BASE)
  page.on('response', (r: Response) => {
    if (underBase(r.url())) seen.push(`${r.status()} ${new URL(r.url()).pathname}`)
  })
  page.on('requestfailed', (r) => {
    if (underBase(r.url())) seen.push(`failed ${new URL(r.url()).pathname}: ${r.failure()?.errorText}`)
  })
  return seen
}

const notOk = (seen: readonly string[]) => seen.filter((s) => !s.startsWith('200 '))

// The site is a static build served from /aprime/ with no SPA fallback, as GitHub Pages serves it.
test.describe('the Pages-like build under /aprime/', () => {
  test('the live room loads every script and style with 200, including lazy chunks', async ({ context }) => {
    const page = await context.newPage()
    const seen = recordTraffic(page)
    const response = await page.goto(linkTo({ room: uniqueRoom('pages'), signaling: '' }))
    expect(response?.status()).toBe(200)
    await expectLiveReady(page)
    // The QR code library is a chunk loaded on first use: open "Share" so it loads too.
    await page.getByRole('button', { name: 'Share' }).click()
    const share = page.getByRole('dialog', { name: 'Share this room' })
    await expect(share.locator('.qr svg')).toBeVisible()
    await expect(share.getByLabel('Room link')).toHaveValue(page.url())
    await expect.poll(() => seen.filter((s) => s.includes('/assets/')).length).toBeGreaterThanOrEqual(3)
    const assets = seen.filter((s) => /\.(js|css)$/.test(s))
    expect(assets.some((s) => s.endsWith('.js'))).toBe(true)
    expect(assets.some((s) => s.endsWith('.css'))).toBe(true)
    expect(notOk(seen), `requests under ${E2E_BASE} that were not 200`).toEqual([])
    // Styles really applied (a 404 stylesheet would leave the page unstyled).
    await expect(page.getByTestId('verdict')).not.toHaveCSS('padding-top', '0px')
  })

  test('a deep path is a 404: no SPA fallback, so state lives in the query', async ({ page }) => {
    for (const path of [`${E2E_BASE}some/path`, `${E2E_BASE}some/path?room=abc`, `${E2E_BASE}index.html/extra`]) {
      const response = await page.goto(path)
      expect(response?.status(), path).toBe(404)
    }
    const root = await page.goto(E2E_BASE)
    expect(root?.status()).toBe(200)
  })

  for (const view of ['lab', 'lecture'] as const) {
    test(`?view=${view} loads without errors or missing files`, async ({ context }) => {
      const page = await context.newPage()
      const seen = recordTraffic(page)
      const response = await page.goto(linkTo({ view }))
      expect(response?.status()).toBe(200)
      const root = page.locator('#root')
      await expect(root).not.toBeEmpty()
      await expect(root).not.toContainText('could not start')
      await expect.poll(() => seen.some((s) => s.includes(view === 'lab' ? 'mountLab' : 'mountLecture'))).toBe(true)
      expect(notOk(seen), `requests under ${E2E_BASE} that were not 200`).toEqual([])
      // Not the live room: no replica was started for it.
      expect(await page.evaluate(() => (window as any).aprime)).toBeUndefined()
    })
  }

  test('the top bar links to the views stay under the sub-path', async ({ context }) => {
    const page = await openLive(context, { room: uniqueRoom('links'), signaling: '' })
    for (const name of ['Lab', 'Lecture']) {
      const href = await page.getByRole('link', { name, exact: true }).getAttribute('href')
      const target = new URL(href!, page.url())
      expect(target.pathname).toBe(E2E_BASE)
      expect(target.searchParams.get('view')).toBe(name.toLowerCase())
    }
    const seen = recordTraffic(page)
    await page.getByRole('link', { name: 'Lab', exact: true }).click()
    await expect(page).toHaveURL(/\/aprime\/\?view=lab$/)
    await expect(page.locator('#root')).not.toBeEmpty()
    expect(seen.length).toBeGreaterThan(0)
    expect(notOk(seen)).toEqual([])
  })

  test('two tabs of the served build sync', async ({ context }) => {
    const room = uniqueRoom('pages-sync')
    const a = await openLive(context, { room, signaling: '' })
    const b = await openLive(context, { room, signaling: '' })
    expect(new URL(a.url()).pathname).toBe(E2E_BASE)
    await toFront(b)
    await sharedText(b).click()
    await b.keyboard.type('served from /aprime/')
    await expect(sharedText(a)).toHaveValue('served from /aprime/')
    await expectEqualVerdict(a)
    await expectEqualVerdict(b)
  })
})
