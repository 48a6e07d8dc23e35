import { type Browser, chromium, type Page } from '@playwright/test'
import { E2E_BASE, E2E_PORT, SIGNALING_URL } from '../../playwright.config'
import { docText, expect, expectLiveReady, sharedText, test, toFront, uniqueRoom } from './fixtures'

/**
 * A classroom's plain-http LAN address is not a secure context: `crypto.subtle` is missing there.
 * Chromium counts 127.0.0.1 as secure, so this file opens the same build under a hostname that
 * resolves to it (`--host-resolver-rules`), which Chromium does not treat as secure.
 */
const LAN_HOST = 'aprime-lan.test'
const LAN_URL = `http://${LAN_HOST}:${E2E_PORT}${E2E_BASE}`

let browser: Browser
test.beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--host-resolver-rules=MAP ${LAN_HOST} 127.0.0.1`],
  })
})
test.afterAll(async () => browser.close())

const link = (room: string, password: string | null, signaling = '') =>
  `${LAN_URL}?room=${room}&signaling=${encodeURIComponent(signaling)}${password === null ? '' : `#password=${encodeURIComponent(password)}`}`

const open = async (context: Awaited<ReturnType<Browser['newContext']>>, href: string, errors: string[]): Promise<Page> => {
  const page = await context.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(href)
  await expectLiveReady(page)
  return page
}

test('room passwords work on a plain-http address (no crypto.subtle); no or a wrong password is told within 5 s', async () => {
  const errors: string[] = []
  const room = uniqueRoom('plain-http-password')
  const context = await browser.newContext()
  const a = await open(context, link(room, 'right horse'), errors)
  expect(await a.evaluate(() => ({ secure: window.isSecureContext, subtle: typeof crypto.subtle }))).toEqual({ secure: false, subtle: 'undefined' })
  const b = await open(context, link(room, 'right horse'), errors)
  for (const p of [a, b]) await expect(p.getByTestId('password-state')).toHaveAttribute('data-state', 'on')
  await expect(a.locator('li[data-peer]')).toHaveCount(1)
  // A wrong password and no password (tabs of the same browser, so they share the room's saved copy: open them before any edit).
  const wrong = await open(context, link(room, 'wrong'), errors)
  await expect(wrong.getByTestId('password-mismatch')).toContainText('another password', { timeout: 5000 })
  const t0 = Date.now()
  const none = await open(context, link(room, null), errors)
  await expect(none.getByTestId('password-mismatch')).toContainText('uses a password', { timeout: 5000 })
  console.log(`a page without the password was told ${Date.now() - t0} ms after it was opened`)

  await toFront(a)
  await sharedText(a).click()
  await a.keyboard.type('sealed on plain http')
  await expect(sharedText(b)).toHaveValue('sealed on plain http')
  await a.waitForTimeout(500)
  expect(await docText(wrong)).toBe('')
  expect(await docText(none)).toBe('')
  await expect(a.locator('li[data-peer]')).toHaveCount(1)
  await context.close()
  expect(errors).toEqual([])
})

test('over a signaling server on plain http, a wrong password is told within 5 s that unreadable messages arrive', async () => {
  const errors: string[] = []
  const room = uniqueRoom('plain-http-signaling')
  const ctxA = await browser.newContext()
  const ctxB = await browser.newContext()
  const a = await open(ctxA, link(room, 'p1', SIGNALING_URL), errors)
  expect(await a.evaluate(() => window.isSecureContext)).toBe(false)
  const b = await open(ctxB, link(room, 'p2', SIGNALING_URL), errors)
  await expect(b.getByTestId('password-mismatch')).toContainText('another password', { timeout: 5000 })
  expect(await docText(b)).toBe('')
  await ctxA.close()
  await ctxB.close()
  expect(errors).toEqual([])
})
