import type { Page } from '@playwright/test'
import { appendText, openPresenter, studentLinkOf } from './classroomHelpers'
import { expect, expectLiveReady, test, uniqueRoom } from './fixtures'

// The wall read from the back of the room (issue 15): at 1280×720 no text under 20 px, and at both
// projector sizes nothing clipped (what does not fit scrolls); tiles can be dragged by touch.

/** Every element with text of its own (or a form field), rendered, with a font under `min` px. */
const smallText = (page: Page, min: number) =>
  page.evaluate((m) => {
    const out: string[] = []
    for (const el of document.querySelectorAll('.present *')) {
      const h = el as HTMLElement
      if (h.getClientRects().length === 0 || el.closest('option')) continue
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '')
      const field = el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el instanceof HTMLInputElement && el.type !== 'range')
      if (!own && !field) continue
      const px = Number.parseFloat(getComputedStyle(el).fontSize)
      if (px < m) out.push(`${el.tagName.toLowerCase()}.${h.className} ${px}px “${(el.textContent ?? '').trim().slice(0, 24)}”`)
    }
    return out
  }, min)

/** Elements whose content is cut off (wider or taller than their box, and not a scroll container). */
const clipped = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = []
    for (const el of document.querySelectorAll('.present *')) {
      const h = el as HTMLElement
      if (h.getClientRects().length === 0 || el instanceof HTMLTextAreaElement || el.tagName === 'svg' || el.closest('svg')) continue
      const style = getComputedStyle(el)
      const scrolls = (v: string) => v === 'auto' || v === 'scroll'
      const cutX = h.scrollWidth > h.clientWidth + 1 && !scrolls(style.overflowX) && style.overflowX !== 'visible'
      const cutY = h.scrollHeight > h.clientHeight + 1 && !scrolls(style.overflowY) && style.overflowY !== 'visible'
      if (cutX || cutY) out.push(`${el.tagName.toLowerCase()}.${h.className} ${h.scrollWidth}×${h.scrollHeight} in ${h.clientWidth}×${h.clientHeight}`)
    }
    const d = document.documentElement
    if (d.scrollWidth > d.clientWidth) out.push(`the page scrolls sideways by ${d.scrollWidth - d.clientWidth} px`)
    return out
  })

const LONG_NAME = 'Dmitri Alexandrovich Karamazov-Smith'

test('the wall at 1280×720 and 1920×1080: every text at least 20 px (at 720p), nothing clipped, the shared text large and scrolling', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  try {
    const room = uniqueRoom('wall-layout')
    const wall = await openPresenter(context, { room, signaling: '' })
    const link = await studentLinkOf(wall)
    for (const name of ['Ana', LONG_NAME, 'Ben', 'Cleo', 'Dara', 'Eli']) {
      const p = await context.newPage()
      await p.addInitScript((n) => localStorage.setItem('aprime.name', n), name)
      await p.goto(link)
      await expectLiveReady(p)
    }
    await wall.bringToFront()
    await expect(wall.getByTestId('tile')).toHaveCount(7)
    await appendText(wall, Array.from({ length: 40 }, (_, i) => `line ${i + 1} of what the teacher wrote`).join('\n'))
    // The static build's notice about a local address is a note for the developer, not part of the wall.
    for (const close of await wall.getByRole('button', { name: /Dismiss/ }).all()) await close.click()
    await wall.getByRole('button', { name: 'Split the class in two' }).click()
    await expect(wall.getByTestId('room-verdict')).toContainText('2 groups')

    expect(await smallText(wall, 20)).toEqual([])
    expect(await clipped(wall)).toEqual([])
    await expect(wall.getByRole('listitem', { name: LONG_NAME })).toContainText(LONG_NAME)

    // The shared text: at least 20 px, three lines or more in view, and it scrolls (its last line can be reached).
    const text = wall.getByLabel('Shared text')
    const t = await text.evaluate((el: HTMLTextAreaElement) => {
      el.scrollTop = el.scrollHeight
      return { px: Number.parseFloat(getComputedStyle(el).fontSize), line: Number.parseFloat(getComputedStyle(el).lineHeight), scrolled: el.scrollTop, height: el.clientHeight }
    })
    expect(t.px).toBeGreaterThanOrEqual(20)
    // at least three lines on screen at once; the rest scrolls
    expect(t.height).toBeGreaterThanOrEqual(3 * t.line)
    expect(t.scrolled).toBeGreaterThan(0)
    await expect(text).toBeInViewport()

    await wall.setViewportSize({ width: 1920, height: 1080 })
    await expect(wall.getByTestId('tile').first()).toBeVisible()
    expect(await clipped(wall)).toEqual([])
    expect(await smallText(wall, 20)).toEqual([])
  } finally {
    await context.close()
  }
})

test('a tile is dragged by touch onto "+ New group" (a teacher with a tablet)', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, hasTouch: true })
  try {
    const room = uniqueRoom('wall-touch')
    const wall = await openPresenter(context, { room, signaling: '' })
    const link = await studentLinkOf(wall)
    const student = await context.newPage()
    await student.goto(link)
    await expectLiveReady(student)
    const id = await student.evaluate(() => (window as any).aprime.doc.clientID as number)
    await wall.bringToFront()
    const handle = wall.locator(`[data-testid="tile"][data-client="${id}"] .tile-name`)
    await expect(handle).toBeVisible()
    const from = (await handle.boundingBox())!
    const to = (await wall.getByTestId('bucket-new').boundingBox())!
    // Real touch input (Chromium turns it into pointer events of type "touch"), not mouse drag and drop.
    const cdp = await context.newCDPSession(wall)
    const at = (b: { x: number; y: number; width: number; height: number }, f = 0.5) => ({ x: b.x + b.width * f, y: b.y + b.height / 2 })
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(from, 0.3)] })
    for (let i = 1; i <= 8; i++) {
      const a = at(from, 0.3)
      const b = at(to)
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: a.x + ((b.x - a.x) * i) / 8, y: a.y + ((b.y - a.y) * i) / 8 }] })
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
    await expect(wall.getByTestId('bucket-1')).toContainText('Group 2 (1)')
    await expect(student.getByTestId('network-banner')).toContainText('you are in group 2 (1 replica)')
  } finally {
    await context.close()
  }
})
