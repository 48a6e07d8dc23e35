import type { BrowserContext, Page } from '@playwright/test'
import { expect, expectLiveReady, linkTo, type LiveQuery } from './fixtures'

/** Opens the presenter view and waits for its replica, its wall and the students' link. */
export const openPresenter = async (context: BrowserContext, q: LiveQuery | string): Promise<Page> => {
  const page = await context.newPage()
  await page.goto(typeof q === 'string' ? q : linkTo({ ...q, view: 'present' }))
  await expect(page.getByTestId('room-verdict')).toBeVisible()
  await page.waitForFunction(() => (window as any).aprime?.doc !== undefined)
  return page
}

/** The link the wall shows to students. */
export const studentLinkOf = async (presenter: Page): Promise<string> => {
  const link = (await presenter.getByTestId('student-link').textContent()) ?? ''
  expect(link).toContain('teacher=')
  expect(link).not.toContain('#')
  return link
}

export const openStudent = async (context: BrowserContext, link: string): Promise<Page> => {
  const page = await context.newPage()
  await page.goto(link)
  await expectLiveReady(page)
  return page
}

export const clientIdOf = (page: Page): Promise<number> => page.evaluate(() => (window as any).aprime.doc.clientID as number)
export const digestOf = (page: Page): Promise<string> =>
  page.evaluate(() => (window as any).aprime.store.getState().self.digest as string)
/** The policy version a page follows (null: none). */
export const policyVersionOf = (page: Page): Promise<number | null> =>
  page.evaluate(() => (window as any).aprime.policy.version as number | null)

/** Appends `text` to the shared text through the document (as typing would, without focus juggling). */
export const appendText = (page: Page, text: string): Promise<void> =>
  page.evaluate((t) => {
    const y = (window as any).aprime.doc.getText('text')
    y.insert(y.length, t)
  }, text)

export const textOf = (page: Page): Promise<string> => page.evaluate(() => (window as any).aprime.doc.getText('text').toString() as string)

/** The tile of a replica on the wall. */
export const tileOf = (presenter: Page, clientID: number) => presenter.locator(`[data-testid="tile"][data-client="${clientID}"]`)
