import type { Page } from '@playwright/test'
import { expect, expectLiveReady, linkTo, openLive, sharedText, test, uniqueRoom, verdict } from './fixtures'

// Screen-size checks from issue 10 (what a teacher saw): each element a class needs is inside the
// viewport, and nothing makes the page scroll sideways.

/** The page scrolls sideways by this many pixels (0 when it does not). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

/** What sticks out on the right, for the failure message. */
const overflowing = (page: Page) =>
  page.evaluate(() => {
    const w = document.documentElement.clientWidth
    return [...document.querySelectorAll('body *')]
      .map((el) => [el, el.getBoundingClientRect()] as const)
      .filter(([, r]) => r.right > w + 1 && r.width > 0)
      .slice(0, 8)
      .map(([el, r]) => `${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)}`)
      .join(', ')
  })

/** The element lies wholly inside the viewport. */
const expectInViewport = async (page: Page, selector: string) => {
  const box = await page.locator(selector).first().boundingBox()
  const vp = page.viewportSize()!
  expect(box, `${selector} is laid out`).not.toBeNull()
  expect(box!.x, `${selector} left`).toBeGreaterThanOrEqual(0)
  expect(box!.y, `${selector} top`).toBeGreaterThanOrEqual(0)
  expect(box!.x + box!.width, `${selector} right`).toBeLessThanOrEqual(vp.width + 0.5)
  expect(box!.y + box!.height, `${selector} bottom`).toBeLessThanOrEqual(vp.height + 0.5)
}

const named = async (page: Page, name: string) => {
  await page.addInitScript((n) => localStorage.setItem('aprime.name', n), name)
}

test('phone 390×844 with 3 peers: asked for a name once (cleaned), names and distinct colours everywhere, touch works, no sideways scroll, 44 px controls', async ({
  newContext,
}) => {
  const room = uniqueRoom('phone')
  const ctx = await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  const phone = await openLive(ctx, { room, signaling: '' })

  // Asked once: a 10,000-character name with markup is cleaned, with a clear message.
  const card = phone.getByRole('region', { name: 'Choose a name' })
  await expect(card).toBeVisible()
  await card.getByRole('textbox').fill(`<img src=x onerror="window.hacked=1"><b>${'Zoë'.repeat(3334)}</b>`)
  await card.getByRole('button', { name: 'Save' }).tap()
  await expect(card).toBeHidden()
  await expect(phone.getByText(/Your name was cleaned \(markup removed, cut to 40 characters\)/)).toBeVisible()
  const phoneName = 'Zoë'.repeat(14).slice(0, 40)
  await expect(phone.locator('#self-title')).toContainText(phoneName)
  expect(await phone.evaluate(() => (window as any).hacked)).toBeUndefined()
  expect(await phone.evaluate(() => localStorage.getItem('aprime.name'))).toBe(phoneName)

  const peers: Page[] = []
  for (const name of ['Ana', 'Ben', '<i>Cleo</i>']) {
    const p = await ctx.newPage()
    await named(p, name)
    await p.goto(linkTo({ room, signaling: '' }))
    await expectLiveReady(p)
    peers.push(p)
  }
  await expect(phone.locator('li[data-peer]')).toHaveCount(3)
  for (const name of ['Ana', 'Ben', 'Cleo']) await expect(phone.locator('li[data-peer]', { hasText: name })).toHaveCount(1)
  await expect(phone.getByText('<i>Cleo</i>')).toHaveCount(0)

  // Distinct colours, the same in every tab: each page's own colour is what every other page shows for it.
  const all = [phone, ...peers]
  await expect
    .poll(async () => {
      const views = await Promise.all(
        all.map((p) =>
          p.evaluate(() => {
            const s = (window as any).aprime.store.getState()
            return { id: s.self.clientID as number, color: s.self.color as string, seen: s.peers.map((x: any) => [x.clientID, x.color]) as Array<[number, string]> }
          }),
        ),
      )
      const own = new Map(views.map((v) => [v.id, v.color]))
      const agree = views.every((v) => v.seen.length === 3 && v.seen.every(([id, c]) => own.get(id) === c))
      return agree && new Set(own.values()).size === 4
    })
    .toBe(true)

  // Touch: text, counter, notes.
  await sharedText(phone).tap()
  await phone.keyboard.type('from the phone')
  await phone.getByRole('button', { name: '+1', exact: true }).tap()
  await phone.getByRole('button', { name: '+ Add note' }).tap()
  await expect(sharedText(peers[0])).toHaveValue('from the phone')
  await expect(peers[0].getByLabel('Counter value')).toHaveText('1')
  await expect(peers[0].locator('.note')).toHaveCount(1)
  await phone.getByRole('button', { name: 'Next colour' }).tap()
  await expect(phone.locator('.note').first()).toBeInViewport()
  // The update log names who wrote what, in words.
  await expect(phone.locator('table.log')).toContainText(`${phoneName}'s count is now 1`)

  // No sideways scroll with three peers and a log full of names.
  await peers[2].getByRole('button', { name: '+1', exact: true }).click()
  await expect(phone.locator('table.log')).toContainText('from Cleo')
  await expect(phone.locator('table.sv-table')).toBeVisible()
  expect(await sideways(phone), await overflowing(phone)).toBe(0)

  // Every control a thumb needs is at least 44 px in both directions.
  const small = await phone.evaluate(() =>
    [...document.querySelectorAll('button, .switch, input:not([type="checkbox"]), textarea, summary')]
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => ({ el: `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 20)}`, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 44 || r.width < 44)
      .map(({ el, r }) => `${el} ${Math.round(r.width)}×${Math.round(r.height)}`),
  )
  expect(small).toEqual([])
})

test('projector mode at 1280×720 (?mode=projector): verdict, text, counter large and on screen; no digest, log or tree', async ({ newContext }) => {
  const room = uniqueRoom('projector')
  const ctx = await newContext({ viewport: { width: 1280, height: 720 } })
  const other = await openLive(ctx, { room, signaling: '' })
  const wall = await openLive(ctx, { room, signaling: '', mode: 'projector' })
  await expect(wall.locator('.live')).toHaveAttribute('data-mode', 'projector')
  await expect(verdict(wall)).toHaveAttribute('data-verdict', 'equal')
  for (const sel of ['[data-testid="verdict"]', '.play-text', '.play-counter', '.room-strip']) await expectInViewport(wall, sel)
  const size = (sel: string) => wall.locator(sel).evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))
  expect(await size('.verdict-headline')).toBeGreaterThanOrEqual(70)
  expect(await size('.shared-text')).toBeGreaterThanOrEqual(30)
  expect(await size('.counter-value')).toBeGreaterThanOrEqual(70)
  await expect(wall.getByTestId('self-digest')).toHaveCount(0)
  await expect(wall.locator('table.log, .state-tree, table.sv-table')).toHaveCount(0)
  expect(await sideways(wall), await overflowing(wall)).toBe(0)
  // "Open another replica" and Share give the room, not the projector's mode.
  expect(await wall.evaluate(() => (window as any).aprime.store.getState().link)).not.toContain('mode=')
  // The toggle leaves projector mode and writes it into the URL.
  await wall.getByRole('button', { name: 'Projector mode' }).click()
  await expect(wall.getByTestId('self-digest')).toBeVisible()
  expect(new URL(wall.url()).searchParams.get('mode')).toBeNull()
  await other.close()
})

test('the verdict draws ≠ as one crossed sign at 54 px, and Share on a static localhost build says other devices cannot open it', async ({
  newContext,
}) => {
  const room = uniqueRoom('neq')
  const ctx = await newContext({ viewport: { width: 1280, height: 720 } })
  const a = await openLive(ctx, { room, signaling: '' })
  const b = await openLive(ctx, { room, signaling: '' })
  await expect(verdict(a)).toHaveAttribute('data-verdict', 'equal')
  await a.evaluate(() => (window as any).aprime.store.getState().actions.setOnline(false))
  await a.evaluate(() => (window as any).aprime.doc.getText('text').insert(0, 'offline edit'))
  await expect(verdict(a)).toHaveAttribute('data-verdict', 'differs')
  const headline = a.getByTestId('verdict-headline')
  await expect(headline).toHaveText('A ≠ A′')
  const glyph = headline.getByTestId('neq-glyph')
  await expect(glyph).toBeVisible()
  const fontPx = await headline.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))
  expect(fontPx).toBeGreaterThanOrEqual(54)
  const g = (await glyph.boundingBox())!
  // One sign, about as wide as "=", on the text's line: not "=" and "/" side by side.
  expect(g.width).toBeGreaterThan(fontPx * 0.4)
  expect(g.width).toBeLessThan(fontPx * 0.8)
  await expectInViewport(a, '[data-testid="verdict"]')
  expect(await sideways(a), await overflowing(a)).toBe(0)

  // The e2e build is static and served at 127.0.0.1: it knows no LAN address and says so.
  await b.getByRole('button', { name: 'Share' }).click()
  const share = b.getByRole('dialog', { name: 'Share this room' })
  await expect(share.getByTestId('share-note')).toContainText('static build')
  const qr = (await share.getByTestId('share-qr').boundingBox())!
  expect(qr.height).toBeGreaterThanOrEqual(720 * 0.6)
  await expectInViewport(b, '[data-testid="share-qr"]')
})

for (const [width, height] of [
  [1920, 1080],
  [1280, 720],
] as const) {
  test(`lecture at ${width}×${height}: compact by default, all six approaches on screen side by side, secondary labels at least 18 px`, async ({ newContext }) => {
    const ctx = await newContext({ viewport: { width, height } })
    const page = await ctx.newPage()
    await page.goto(linkTo({ view: 'lecture' }))
    await expect(page.locator('.lecture')).toHaveAttribute('data-layout', 'compact')
    await expect(page.getByRole('article')).toHaveCount(6)
    const tops = new Set<number>()
    for (let i = 0; i < 6; i++) {
      await expectInViewport(page, `article.approach >> nth=${i}`)
      tops.add(Math.round((await page.getByRole('article').nth(i).boundingBox())!.y))
    }
    expect(tops.size, 'six panels in one row').toBe(1)
    // Every piece of text in the panels and the controls is at least 18 px (the diagrams' SVG aside).
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('.approach-grid *, .lecture-bar *')]
        .filter((el) => !(el instanceof SVGElement) && (el as HTMLElement).offsetParent !== null)
        .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ''))
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${el.textContent!.trim().slice(0, 20)}" ${getComputedStyle(el).fontSize}`)
        .filter((s) => Number.parseFloat(s.slice(s.lastIndexOf(' ') + 1)) < 18),
    )
    expect(small).toEqual([])
    expect(await sideways(page), await overflowing(page)).toBe(0)
    // The full layout, with explanations, is one switch (and a link parameter) away.
    await page.getByLabel('Compact').uncheck()
    await expect(page.locator('.lecture')).toHaveAttribute('data-layout', 'full')
    expect(new URL(page.url()).searchParams.get('layout')).toBe('full')
    await expect(page.locator('.words').first()).toBeVisible()
  })
}
