import type { Page } from '@playwright/test'
import * as Y from 'yjs'
import { docText, expect, openLive, sharedText, test, toFront, uniqueRoom } from './fixtures'
import { PlainPeer, syncMessage } from './plainPeer'

const HONEST = 'What the class wrote, honestly.'
const FAR_WRITER = 987654321

/** Writer 987654321's update that starts at clock 4,999,000 (nothing before it was ever sent). */
const farClockUpdate = (): Uint8Array => {
  const w = new Y.Doc()
  w.clientID = FAR_WRITER
  w.getText('text').insert(0, 'x'.repeat(4_999_000))
  const before = Y.encodeStateVector(w)
  w.getText('text').insert(0, 'from the future')
  const update = Y.encodeStateAsUpdate(w, before)
  w.destroy()
  return update
}

test('a laundered far clock is parked, dropped with a notice, and never reaches a newcomer', async ({ context }) => {
  test.setTimeout(90_000)
  const room = uniqueRoom('far-clock')
  const a = await openLive(context, { room, signaling: '' })
  await toFront(a)
  await sharedText(a).fill(HONEST)

  // The hostile peer vouches for the far clock in its own awareness, then sends the update.
  const hostile = await PlainPeer.join(context, room, FAR_WRITER)
  await expect.poll(() => hostile.doc.getText('text').toString()).toBe(HONEST)
  await hostile.publish({ user: { name: 'Mallory' }, replica: { sv: { [FAR_WRITER]: 5_000_000 } } })
  const far = farClockUpdate()
  await hostile.post(syncMessage(2, far))
  // Its answer to a newcomer's sync step 1: the honest text and the far clock in one message.
  hostile.answerStep1 = (sv) => Y.mergeUpdates([Y.encodeStateAsUpdate(hostile.doc, sv), far])

  // A never holds it in the document; it waits beside it, then is dropped with a notice.
  await expect.poll(() => a.evaluate(() => (window as any).aprime.doc.store.pendingStructs === null)).toBe(true)
  const dropped = a.locator('li.notice').filter({ hasText: 'could not integrate' })
  await expect(dropped.first()).toContainText(`(replica ${FAR_WRITER}) from clock 4998999`, { timeout: 25_000 })
  await expect(dropped).toHaveCount(1)
  expect(await docText(a)).toBe(HONEST)

  // A newcomer while the hostile peer is still here: it gets the honest text from A, and at most
  // refuses or parks the hostile peer's answer.
  const b = await openLive(context, { room, signaling: '' })
  await expect(sharedText(b)).toHaveValue(HONEST)
  expect(await b.evaluate(() => (window as any).aprime.doc.store.pendingStructs)).toBeNull()

  // After the hostile peer left, a newcomer gets the text at once and refuses nothing.
  await hostile.leave()
  const c = await openLive(context, { room, signaling: '' })
  await expect(sharedText(c)).toHaveValue(HONEST)
  await expect(c.locator('tr.log-rejected')).toHaveCount(0)
  expect(await c.evaluate(() => (window as any).aprime.doc.store.pendingStructs)).toBeNull()
})

test('a mass delete by a plain peer (no peer id, no sender tag) can be undone, and a version just before it is kept', async ({ context }) => {
  const room = uniqueRoom('plain-delete')
  const a = await openLive(context, { room, signaling: '' })
  const hostile = await PlainPeer.join(context, room, 424242)
  await toFront(a)
  await sharedText(a).click()
  await a.keyboard.type(HONEST)
  await expect.poll(() => hostile.doc.getText('text').toString()).toBe(HONEST)

  // About a second after the typing, the plain peer deletes everything.
  const before = Y.encodeStateVector(hostile.doc)
  hostile.doc.getText('text').delete(0, hostile.doc.getText('text').length)
  await hostile.post(syncMessage(2, Y.encodeStateAsUpdate(hostile.doc, before)))
  await expect(sharedText(a)).toHaveValue('')

  const flagged = a.getByRole('list', { name: 'Flagged' }).getByRole('listitem').filter({ hasText: 'deleted' })
  await expect(flagged).toContainText('could not be told')
  const versions = a.getByRole('list', { name: 'Versions' })
  await expect(versions.getByRole('listitem').filter({ hasText: 'just before' })).toHaveCount(1)

  await toFront(a)
  await flagged.getByRole('button', { name: 'Undo this change' }).click()
  await expect(sharedText(a)).toHaveValue(HONEST)
  await expect(flagged.getByRole('button', { name: 'Undo this change' })).toHaveCount(0)
  // The undo reaches the plain peer too.
  await expect.poll(() => hostile.doc.getText('text').toString()).toBe(HONEST)

  // The kept version brings the text back as well (after another deletion, say).
  await sharedText(a).fill('')
  await versions.getByRole('listitem').filter({ hasText: 'just before' }).getByRole('button', { name: 'Restore this version' }).click()
  await expect(sharedText(a)).toHaveValue(HONEST)
  expect(await docText(a)).toBe(HONEST)
})

test('a huge or deeply nested awareness state is refused before it is stored or relayed', async ({ context }) => {
  const room = uniqueRoom('deep-awareness')
  const a = await openLive(context, { room, signaling: '' })
  const b = await openLive(context, { room, signaling: '' })
  await expect(a.locator('li[data-peer]')).toContainText('reached by BroadcastChannel')
  const hostile = await PlainPeer.join(context, room, 515151)
  // Written by hand: JSON.stringify itself overflows the stack on a 5,000-deep array.
  const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`
  await hostile.publish(`{"user":{"name":"${'x'.repeat(1024 * 1024)}"},"replica":${deep}}`)
  await expect(a.getByRole('alert').filter({ hasText: 'an awareness state of' }).first()).toBeVisible()
  await expect(b.getByRole('alert').filter({ hasText: 'an awareness state of' }).first()).toBeVisible()
  await hostile.publish(`{"user":{"name":"Mallory"},"replica":${deep}}`, 2)
  await expect(a.getByRole('alert').filter({ hasText: 'nested deeper than 16 levels' }).first()).toBeVisible()
  const stored = (p: typeof a) => p.evaluate((id) => (window as any).aprime.awareness.getStates().has(id), 515151)
  expect(await stored(a)).toBe(false)
  expect(await stored(b)).toBe(false)
  // A newcomer (its connection opening makes everyone send their awareness) sees no error either;
  // the fixture fails the test on any uncaught page error.
  const c = await openLive(context, { room, signaling: '' })
  await expect(c.locator('li[data-peer]')).toHaveCount(2)
  expect(await stored(c)).toBe(false)
  // The same peer publishing an ordinary state is heard.
  await hostile.publish({ user: { name: 'Mallory' } }, 3)
  await expect.poll(() => stored(a)).toBe(true)
})

test('a flood of one-character updates from a plain peer: the page answers a click meanwhile and ends with every character', async ({ context }) => {
  const room = uniqueRoom('flood')
  const a = await openLive(context, { room, signaling: '' })
  const hostile = await PlainPeer.join(context, room, 313131)
  const w = new Y.Doc()
  w.clientID = 313131
  const updates: Uint8Array[] = []
  w.on('update', (u: Uint8Array) => updates.push(syncMessage(2, u)))
  for (let i = 0; i < 2000; i++) w.getText('text').insert(i, 'f')
  await toFront(a)
  // 2,000 updates in about two seconds, posted from the plain peer's page in 10 ms slices.
  const flooding = hostile.page.evaluate((messages) => {
    const bc = (window as unknown as { __plainBc: BroadcastChannel }).__plainBc
    return new Promise<void>((resolve) => {
      let i = 0
      const t = setInterval(() => {
        for (let k = 0; k < 10 && i < messages.length; k++) bc.postMessage(new Uint8Array(messages[i++]))
        if (i >= messages.length) {
          clearInterval(t)
          resolve()
        }
      }, 10)
    })
  }, updates.map((u) => Array.from(u)))
  await a.getByRole('button', { name: '+1' }).click()
  await expect(a.getByLabel('Counter value')).toHaveText('1')
  await flooding
  await expect(sharedText(a)).toHaveValue('f'.repeat(2000))
  // Merged per frame: far fewer transactions than updates reached the update log.
  const logged = await a.evaluate(() => (window as any).aprime.store.getState().logTotal as number)
  expect(logged).toBeLessThan(1000)
})

/** Fills this site's localStorage to its quota with `filler-N` keys (and first removes the page's reserve, if asked). */
const fillLocalStorage = (page: Page, opts: { dropReserve: boolean }) =>
  page.evaluate((dropReserve) => {
    if (dropReserve) localStorage.removeItem('aprime.journal-reserve')
    let chunk = 'x'.repeat(1024 * 1024)
    for (let i = 0; chunk.length > 4; i++) {
      try {
        localStorage.setItem(`filler-${i}`, chunk)
      } catch {
        chunk = chunk.slice(0, chunk.length >> 1)
      }
    }
  }, opts.dropReserve)

/** Removes what `fillLocalStorage` wrote. */
const emptyFiller = (page: Page) =>
  page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('filler-')) localStorage.removeItem(k)
  })

test('a localStorage already full when the page loads: the last edits are kept in a cookie through a close, said once', async ({ context }) => {
  const room = uniqueRoom('full-at-load')
  // Something else filled this site's storage before the room was ever opened.
  const filler = await context.newPage()
  await filler.goto('./favicon.svg')
  await fillLocalStorage(filler, { dropReserve: true })
  const a = await openLive(context, { room, signaling: '' })
  expect(await a.evaluate(() => localStorage.getItem('aprime.journal-reserve'))).toBeNull()
  await toFront(a)
  await sharedText(a).focus()
  for (const ch of 'kept') await a.keyboard.type(ch)
  const notice = a.locator('li.notice').filter({ hasText: 'The last edits are still kept through a close, in a small cookie' })
  await expect(notice).toHaveCount(1)
  await expect(a.locator('li.notice').filter({ hasText: 'cannot be kept safe' })).toHaveCount(0)
  await a.keyboard.type('!')
  // Closed within the keystroke's task: IndexedDB had no time; only the cookie can keep it.
  await a.close()
  const b = await openLive(context, { room, signaling: '' })
  await expect(sharedText(b)).toHaveValue('kept!')
  // Read once and emptied: nothing of the room is left in a cookie once IndexedDB holds it.
  await expect.poll(() => b.evaluate(() => document.cookie)).not.toContain('aprime-journal-')
  await emptyFiller(filler)
})

test('a full localStorage still keeps the last edit through a close, and says so once', async ({ context }) => {
  const room = uniqueRoom('quota')
  const a = await openLive(context, { room, signaling: '' })
  expect(await a.evaluate(() => localStorage.getItem('aprime.journal-reserve')?.length ?? 0)).toBeGreaterThan(0)
  // Something else fills this site's storage to its quota.
  await fillLocalStorage(a, { dropReserve: false })
  await toFront(a)
  await sharedText(a).focus()
  for (const ch of 'kept') await a.keyboard.type(ch)
  await expect(a.locator('li.notice').filter({ hasText: 'The last edits are still kept' })).toHaveCount(1)
  await a.keyboard.type('!')
  // Closed within the keystroke's task: only the journal can keep the last one.
  await a.close()
  const b = await openLive(context, { room, signaling: '' })
  await expect(sharedText(b)).toHaveValue('kept!')
  await emptyFiller(b)
})
