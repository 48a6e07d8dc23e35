import type { Page } from '@playwright/test'
import { docText, expect, expectEqualVerdict, openLive, placeCaret, selfDigest, sharedText, test, toFront, uniqueRoom, verdict } from './fixtures'

/** Samples `page`'s document text for `ms` and returns every distinct value seen. */
const textsSeenDuring = async (page: Page, ms: number): Promise<string[]> =>
  page.evaluate(
    (ms) =>
      new Promise<string[]>((resolve) => {
        const seen = new Set<string>()
        const text = (window as any).aprime.doc.getText('text')
        const sample = () => seen.add(text.toString())
        sample()
        text.observe(sample)
        setTimeout(() => {
          text.unobserve(sample)
          sample()
          resolve([...seen])
        }, ms)
      }),
    ms,
  )

test('a tab taken offline diverges, then converges with both edits when back online', async ({ context }) => {
  const room = uniqueRoom('offline')
  const a = await openLive(context, { room, signaling: '' })
  const b = await openLive(context, { room, signaling: '' })
  await toFront(a)
  await sharedText(a).click()
  await a.keyboard.type('<middle>')
  await expect(sharedText(b)).toHaveValue('<middle>')
  await expectEqualVerdict(a)
  await expectEqualVerdict(b)

  const offline = a.getByRole('switch', { name: 'Offline' })
  await offline.check()
  await expect(offline).toBeChecked()
  await expect.poll(() => a.evaluate(() => (window as any).aprime.connection.getSnapshot().online)).toBe(false)
  // B says A went offline (A said so before leaving), not that it left the room.
  await toFront(b)
  await expect(b.locator('li[data-peer]')).toContainText('went offline')
  await expect(b.locator('li[data-peer]')).not.toContainText('left the room')

  // Edit both sides, at different positions: A appends, B prepends.
  await placeCaret(a, '<middle>'.length)
  await a.keyboard.type(' A wrote this offline')
  await placeCaret(b, 0)
  await b.keyboard.type('B wrote this online ')
  expect(await docText(a)).toBe('<middle> A wrote this offline')
  expect(await docText(b)).toBe('B wrote this online <middle>')

  // While A is offline nothing crosses, in either direction. BroadcastChannel delivers in about a
  // millisecond here (RECIPES), so a second of silence is a fair window for a leak to show.
  const [seenByB, seenByA] = await Promise.all([textsSeenDuring(b, 1000), textsSeenDuring(a, 1000)])
  expect(seenByB).toEqual(['B wrote this online <middle>'])
  expect(seenByA).toEqual(['<middle> A wrote this offline'])
  await expect(sharedText(b)).toHaveValue('B wrote this online <middle>')
  await expect(sharedText(a)).toHaveValue('<middle> A wrote this offline')

  // A knows it differs from what it last saw of B: A ≠ A′. (B sees A as gone, so it is alone.)
  await expect(verdict(a)).toHaveAttribute('data-verdict', 'differs')
  await expect(verdict(a).locator('.verdict-headline')).toHaveText('A ≠ A′')
  await expect(verdict(b)).toHaveAttribute('data-verdict', /^(alone|differs)$/)
  expect(await selfDigest(a)).not.toBe(await selfDigest(b))

  // Back online: both sides get both edits, identically.
  await toFront(a)
  await offline.uncheck()
  const merged = 'B wrote this online <middle> A wrote this offline'
  await expect(sharedText(a)).toHaveValue(merged)
  await expect(sharedText(b)).toHaveValue(merged)
  expect(await docText(a)).toBe(merged)
  expect(await docText(b)).toBe(merged)
  await expectEqualVerdict(a)
  await expectEqualVerdict(b)
  await expect.poll(async () => (await selfDigest(a)) === (await selfDigest(b))).toBe(true)
})
