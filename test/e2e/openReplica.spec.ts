import { docText, expect, expectEqualVerdict, expectLiveReady, openLive, sharedText, test, toFront, uniqueRoom } from './fixtures'

test('"Open another replica" opens the same room in a new tab, and it syncs', async ({ context }) => {
  const room = uniqueRoom('open-replica')
  const a = await openLive(context, { room, signaling: '' })
  await toFront(a)
  await sharedText(a).click()
  await a.keyboard.type('written before the new tab opened')

  const [b] = await Promise.all([context.waitForEvent('page'), a.getByRole('button', { name: 'Open another replica' }).click()])
  await b.waitForLoadState('domcontentloaded')
  const url = new URL(b.url())
  expect(url.searchParams.get('room')).toBe(room)
  expect(url.searchParams.get('signaling'), 'the new tab keeps the link’s signaling choice').toBe('')
  expect(url.pathname).toBe(new URL(a.url()).pathname)
  await expectLiveReady(b)
  expect(await b.evaluate(() => (window as any).aprime.doc.clientID)).not.toBe(await a.evaluate(() => (window as any).aprime.doc.clientID))

  // The new replica catches up with what A already held, then edits flow both ways.
  await expect(sharedText(b)).toHaveValue('written before the new tab opened')
  await toFront(b)
  await sharedText(b).press('End')
  await b.keyboard.type(', and after')
  await expect(sharedText(a)).toHaveValue('written before the new tab opened, and after')
  expect(await docText(a)).toBe(await docText(b))
  await expectEqualVerdict(a)
  await expectEqualVerdict(b)
  await expect(a.locator('li[data-peer]')).toContainText('reached by BroadcastChannel')
})
