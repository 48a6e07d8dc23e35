import { type BrowserContext, type BrowserContextOptions, test as base, expect, type Page } from '@playwright/test'

export { expect }

/** Query parameters for a live-room link; `signaling: ''` means none (same-browser tabs only). */
export interface LiveQuery {
  room?: string
  signaling?: string
  view?: string
  [key: string]: string | undefined
}

/** A link relative to the config's baseURL (the Pages-like /aprime/ sub-path). */
export const linkTo = (q: LiveQuery): string => {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, v)
  const s = params.toString()
  return s === '' ? './' : `./?${s}`
}

/** A room name no other test (or earlier run) uses, valid under the app's room-name rule. */
export const uniqueRoom = (label: string): string =>
  `e2e-${label.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`

interface E2EFixtures {
  /** Uncaught errors of every page this test opened; the test fails if any is left at the end. */
  pageErrors: string[]
  /** A new browser context (own BroadcastChannel), watched for page errors and closed after the test. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>
}

const watchContext = (context: BrowserContext, errors: string[]) => {
  const watch = (page: Page) => page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`))
  for (const p of context.pages()) watch(p)
  context.on('page', watch)
}

/**
 * Playwright's `test`, failing a test on any uncaught page error (`pageerror`) in any page it
 * opens: pages of the default context, popups, and pages of contexts made with `newContext`.
 */
export const test = base.extend<E2EFixtures>({
  pageErrors: [
    async ({ context }, use) => {
      const errors: string[] = []
      watchContext(context, errors)
      await use(errors)
      expect(errors, 'uncaught errors in the pages').toEqual([])
    },
    { auto: true },
  ],
  newContext: async ({ browser, pageErrors }, use) => {
    const made: BrowserContext[] = []
    await use(async (options) => {
      const c = await browser.newContext(options)
      made.push(c)
      watchContext(c, pageErrors)
      return c
    })
    for (const c of made) await c.close()
  },
})

/**
 * Opens a live room in a new tab of `context` and waits until its replica is running. `q` is
 * query parameters, or a link (relative to baseURL) to open exactly as written.
 */
export const openLive = async (context: BrowserContext, q: LiveQuery | string): Promise<Page> => {
  const page = await context.newPage()
  const response = await page.goto(typeof q === 'string' ? q : linkTo(q))
  expect(response?.status(), 'the page itself loads').toBe(200)
  await expectLiveReady(page)
  return page
}

/** The live room is mounted and `window.aprime` exposes its replica. */
export const expectLiveReady = async (page: Page): Promise<void> => {
  await expect(page.getByLabel('Shared text')).toBeVisible()
  await page.waitForFunction(() => (window as any).aprime?.doc !== undefined)
}

export const sharedText = (page: Page) => page.getByLabel('Shared text')
export const verdict = (page: Page) => page.getByTestId('verdict')

/** The replica's Y.Text content, read from the document itself (not from the textarea). */
export const docText = (page: Page): Promise<string> =>
  page.evaluate(() => (window as any).aprime.doc.getText('text').toString() as string)

/** The full state digest this page shows for itself. */
export const selfDigest = async (page: Page): Promise<string> => (await page.getByTestId('self-digest').getAttribute('title')) ?? ''

/** Waits until the page's verdict says A = A′ (every replica it compares with has the same code and state). */
export const expectEqualVerdict = async (page: Page, timeout = 10_000): Promise<void> => {
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'equal', { timeout })
  await expect(verdict(page).locator('.verdict-headline')).toHaveText('A = A′')
}

/**
 * Brings a tab to the front before a user would act in it. Measured here (Debian Chromium 156,
 * headless): after a click in the first of two synced tabs, that tab's animation frames drop to
 * about 2 per second, so every click's "stable" check there waits ~2 s. Bringing it to the front
 * restores 60 frames per second. It changes nothing the tests assert.
 */
export const toFront = async (page: Page): Promise<Page> => {
  await page.bringToFront()
  return page
}

/** Places the caret of the shared text area at `index` (focusing it), as a user clicking there would. */
export const placeCaret = async (page: Page, index: number): Promise<void> => {
  await toFront(page)
  await sharedText(page).focus()
  await sharedText(page).evaluate((el: HTMLTextAreaElement, i) => el.setSelectionRange(i, i), index)
}

/** Where the caret of the shared text area is. */
export const caret = (page: Page): Promise<number> =>
  sharedText(page).evaluate((el: HTMLTextAreaElement) => el.selectionStart)

/** How many times `needle` occurs in `haystack` (overlapping occurrences counted). */
export const occurrences = (haystack: string, needle: string): number => {
  let n = 0
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) n++
  return n
}
