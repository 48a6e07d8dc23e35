import type { Page } from '@playwright/test'
import * as Y from 'yjs'
import { encodeJournal } from '../../src/core/journalCodec'
import { docText, expect, openLive, sharedText, test, toFront, uniqueRoom } from './fixtures'
import { PlainPeer, syncMessage } from './plainPeer'

// Persistence in real Chromium: each test's context is one browser profile, so IndexedDB and
// localStorage survive pages closing and opening in it, as they do for a user's tabs.

const savedState = (page: Page) => page.getByTestId('saved-state')
const expectSaved = (page: Page) => expect(savedState(page)).toHaveAttribute('data-state', 'saved')

test('a tab alone in a room, reloaded, shows everything it had', async ({ context }) => {
  const room = uniqueRoom('reload')
  const page = await openLive(context, { room, signaling: '' })
  await expectSaved(page)
  await expect(savedState(page)).toContainText('Saved on this device')
  await sharedText(page).click()
  await page.keyboard.type('kept across a reload')
  await page.getByRole('button', { name: '+1', exact: true }).click()
  await page.getByRole('button', { name: '+ Add note' }).click()
  await page.getByLabel('Note text').fill('a note')
  await page.reload()
  await expect(sharedText(page)).toHaveValue('kept across a reload')
  await expect(page.getByLabel('Counter value')).toHaveText('1')
  await expect(page.getByLabel('Note text')).toHaveValue('a note')
  await expectSaved(page)
  // The log says where the content came from.
  await expect(page.locator('tr.log-in').filter({ hasText: 'saved on this device' }).first()).toBeVisible()
})

/** What each animation frame of a page showed, from its first frame on (an init script). */
const recordFrames = (page: Page) =>
  page.addInitScript(() => {
    const w = window as unknown as { __frames: Array<{ value: string; readOnly: boolean; verdict: string | undefined; running: boolean }>; aprime?: unknown }
    w.__frames = []
    const tick = () => {
      const ta = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Shared text"]')
      const verdict = document.querySelector<HTMLElement>('[data-testid="verdict"]')?.dataset.verdict
      if (ta !== null) w.__frames.push({ value: ta.value, readOnly: ta.readOnly, verdict, running: w.aprime !== undefined })
      if (w.__frames.length < 300) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
const framesOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { __frames: Array<{ value: string; readOnly: boolean; verdict: string | undefined; running: boolean }> }).__frames)

/** The room's saved preview as stored (undefined: none), its saved rows, and the newest row's key. */
const storedPreview = (page: Page, room: string) =>
  page.evaluate(
    (name) =>
      new Promise<{ preview: { upTo?: unknown; text?: unknown } | undefined; lastKey: number | null; rows: number[][] }>((resolve, reject) => {
        const r = indexedDB.open(name)
        r.onsuccess = () => {
          const tx = r.result.transaction(['updates', 'custom'], 'readonly')
          const p = tx.objectStore('custom').get('aprime-preview')
          const k = tx.objectStore('updates').getAllKeys()
          const v = tx.objectStore('updates').getAll()
          tx.oncomplete = () => {
            r.result.close()
            const keys = k.result as number[]
            const rows = (v.result as Uint8Array[]).map((u) => Array.from(u))
            resolve({ preview: p.result, lastKey: keys.length === 0 ? null : keys[keys.length - 1], rows })
          }
          tx.onerror = () => reject(tx.error)
        }
        r.onerror = () => reject(r.error)
      }),
    room,
  )

const expectPreviewOf = async (page: Page, room: string, text: string) =>
  expect
    .poll(async () => {
      const { preview, lastKey } = await storedPreview(page, room)
      return preview?.text === text && preview.upTo === lastKey
    }, { timeout: 10_000 })
    .toBe(true)

/** Replaces the room's saved preview (a page of the room must not be open). */
const plantPreview = (page: Page, room: string, value: unknown) =>
  page.evaluate(
    ({ name, value }) =>
      new Promise<void>((resolve, reject) => {
        const r = indexedDB.open(name)
        r.onsuccess = () => {
          const tx = r.result.transaction(['custom'], 'readwrite')
          tx.objectStore('custom').put(value, 'aprime-preview')
          tx.oncomplete = () => {
            r.result.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
        r.onerror = () => reject(r.error)
      }),
    { name: room, value },
  )

test('a reload paints what this device saved, read-only, before the replica is rebuilt; then the replica runs with the same text', async ({ context }) => {
  const room = uniqueRoom('preview')
  const page = await openLive(context, { room, signaling: '' })
  await expectSaved(page)
  await sharedText(page).click()
  await page.keyboard.type('painted first')
  await page.getByRole('button', { name: '+1', exact: true }).click()
  await expectPreviewOf(page, room, 'painted first')
  await recordFrames(page)
  await page.reload()
  await expectSaved(page)
  await page.waitForFunction(() => (window as unknown as { aprime?: unknown }).aprime !== undefined)
  const frames = await framesOf(page)
  // Painted from the preview while the replica was not running: read-only, and saying so.
  expect(frames.some((f) => !f.running && f.readOnly && f.value === 'painted first' && f.verdict === 'opening')).toBe(true)
  // Never anything but the saved text, and editable once the replica runs.
  expect(frames.filter((f) => f.value !== 'painted first')).toEqual([])
  await expect(sharedText(page)).toHaveJSProperty('readOnly', false)
  await expect(page.getByLabel('Counter value')).toHaveText('1')
  await sharedText(page).focus()
  await page.keyboard.press('End')
  await page.keyboard.type(', then edited')
  expect(await docText(page)).toBe('painted first, then edited')
})

test('a preview that is out of date, or not a preview, is never shown: the room waits for its document', async ({ context }) => {
  const room = uniqueRoom('stale-preview')
  const page = await openLive(context, { room, signaling: '' })
  await expectSaved(page)
  await sharedText(page).click()
  await page.keyboard.type('the truth')
  await expectPreviewOf(page, room, 'the truth')
  const other = await openLive(context, { room: uniqueRoom('elsewhere'), signaling: '' })
  await page.close()
  const { lastKey } = await storedPreview(other, room)
  for (const wrong of [
    { upTo: (lastKey ?? 1) - 1, text: 'an older text', notes: [], counter: { value: 0, entries: [] } },
    { upTo: lastKey, text: 42, notes: [], counter: { value: 0, entries: [] } },
    'not a preview',
  ]) {
    await plantPreview(other, room, wrong)
    const again = await context.newPage()
    await recordFrames(again)
    await again.goto(`./?room=${room}&signaling=`)
    await expectSaved(again)
    await expect(sharedText(again)).toHaveValue('the truth')
    const frames = await framesOf(again)
    expect(frames.filter((f) => f.value !== 'the truth' && f.value !== '')).toEqual([])
    expect(frames.some((f) => f.verdict === 'opening')).toBe(false)
    await again.close()
  }
})

test('edits IndexedDB never confirmed (left in the journal): the next load waits for its document, never shows the text without them', async ({ context }) => {
  const room = uniqueRoom('journal-preview')
  const page = await openLive(context, { room, signaling: '' })
  await expectSaved(page)
  await sharedText(page).click()
  await page.keyboard.type('saved')
  await expectPreviewOf(page, room, 'saved')
  // An edit that reached the journal but not IndexedDB (y-indexeddb's issue #28), made by hand:
  // the same document plus "!", as a journal entry of a tab that closed.
  await page.close()
  const other = await openLive(context, { room: uniqueRoom('elsewhere'), signaling: '' })
  const { rows } = await storedPreview(other, room)
  const doc = new Y.Doc()
  for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row))
  expect(doc.getText('text').toString()).toBe('saved')
  const before = Y.encodeStateVector(doc)
  doc.getText('text').insert(5, '!')
  await other.evaluate(([key, value]) => localStorage.setItem(key, value), [`aprime.journal/${room}/closed-tab`, encodeJournal([Y.encodeStateAsUpdate(doc, before)])])
  const again = await context.newPage()
  await recordFrames(again)
  await again.goto(`./?room=${room}&signaling=`)
  await expect(sharedText(again)).toHaveValue('saved!')
  const frames = await framesOf(again)
  expect(frames.filter((f) => f.value !== 'saved!' && f.value !== '')).toEqual([])
})

test('type, then close at once: 50 times in a row, nothing is lost', async ({ context }) => {
  test.setTimeout(120_000)
  const room = uniqueRoom('type-close')
  let expected = ''
  for (let i = 0; i < 50; i++) {
    const page = await openLive(context, { room, signaling: '' })
    await expect(sharedText(page)).toHaveValue(expected)
    const ch = String.fromCharCode(97 + (i % 26))
    await sharedText(page).focus()
    await page.keyboard.press('End')
    await page.keyboard.type(ch)
    // Closed within the same task as the keystroke's update: no time for IndexedDB to commit.
    await page.close()
    expected += ch
  }
  const last = await openLive(context, { room, signaling: '' })
  await expect(sharedText(last)).toHaveValue(expected)
})

test('two tabs closed, one reopened: it holds what both typed', async ({ context }) => {
  const room = uniqueRoom('two-tabs')
  const a = await openLive(context, { room, signaling: '' })
  const b = await openLive(context, { room, signaling: '' })
  await expect(a.locator('li[data-peer]')).toContainText('reached by BroadcastChannel')
  await toFront(a)
  await sharedText(a).click()
  await a.keyboard.type('from A.')
  await expect(sharedText(b)).toHaveValue('from A.')
  await toFront(b)
  await sharedText(b).focus()
  await b.keyboard.press('End')
  await b.keyboard.type(' from B.')
  await b.close()
  await a.close()
  const c = await openLive(context, { room, signaling: '' })
  await expect(sharedText(c)).toHaveValue('from A. from B.')
})

test("two tabs of a room: only one keeps what arrives from elsewhere, each keeps its own edits; closing the keeper hands over and loses nothing", async ({ context }) => {
  const room = uniqueRoom('keeper')
  // Counts each page's journal writes (one localStorage key per update it journals).
  await context.addInitScript(() => {
    const w = window as unknown as { __journalWrites: number }
    w.__journalWrites = 0
    const setItem = Storage.prototype.setItem
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key.startsWith('aprime.journal/')) w.__journalWrites++
      return setItem.call(this, key, value)
    }
  })
  const writes = (p: Page) => p.evaluate(() => (window as unknown as { __journalWrites: number }).__journalWrites)
  const a = await openLive(context, { room, signaling: '' })
  await expectSaved(a)
  const b = await openLive(context, { room, signaling: '' })
  await expectSaved(b)
  // A plain peer (another device, as far as these tabs can tell) sends 20 edits.
  const peer = await PlainPeer.join(context, room, 424242)
  const w = new Y.Doc()
  w.clientID = 424242
  const updates: Uint8Array[] = []
  w.on('update', (u: Uint8Array) => updates.push(u))
  for (const ch of 'from elsewhere, 20 c') w.getText('text').insert(w.getText('text').length, ch)
  const [beforeA, beforeB] = [await writes(a), await writes(b)]
  for (const u of updates) await peer.post(syncMessage(2, u))
  await expect(sharedText(a)).toHaveValue('from elsewhere, 20 c')
  await expect(sharedText(b)).toHaveValue('from elsewhere, 20 c')
  // The first tab keeps them; the second does not write them a second time.
  await expect.poll(async () => (await writes(a)) - beforeA).toBeGreaterThan(0)
  expect((await writes(b)) - beforeB).toBe(0)
  // Each tab journals its own edits.
  await toFront(b)
  await sharedText(b).focus()
  await b.keyboard.press('End')
  await b.keyboard.type('!')
  await expect(sharedText(a)).toHaveValue('from elsewhere, 20 c!')
  expect((await writes(b)) - beforeB).toBeGreaterThan(0)
  // The keeper closes: B takes over, so what comes from elsewhere now is kept by B.
  await a.close()
  const w2 = new Y.Doc()
  w2.clientID = 434343
  w2.getText('text').insert(0, '>')
  // (The lock passes once A's page is gone: B's request is then the only one, and granted.)
  await expect
    .poll(() => b.evaluate(async (name) => (await navigator.locks.query()).pending?.some((l) => l.name === name) ?? true, `aprime.keeper/${room}`))
    .toBe(false)
  const beforeHandover = await writes(b)
  await peer.post(syncMessage(2, Y.encodeStateAsUpdate(w2)))
  await expect.poll(() => writes(b)).toBeGreaterThan(beforeHandover)
  // (Where '>' lands among concurrent inserts is Yjs's order by client id.)
  await expect(sharedText(b)).toHaveValue(/^(>from elsewhere, 20 c!|from elsewhere, 20 c!>)$/)
  const final = await sharedText(b).inputValue()
  await peer.leave()
  await b.close()
  const c = await openLive(context, { room, signaling: '' })
  await expect(sharedText(c)).toHaveValue(final)
})

test('forgetting the room on this device: a reload starts empty', async ({ context }) => {
  const room = uniqueRoom('forget')
  const page = await openLive(context, { room, signaling: '' })
  await expectSaved(page)
  await sharedText(page).click()
  await page.keyboard.type('to be forgotten')
  await page.getByRole('button', { name: 'Forget this room on this device' }).click()
  await expect(savedState(page)).toHaveAttribute('data-state', 'forgotten')
  // This tab keeps its replica.
  expect(await docText(page)).toBe('to be forgotten')
  await page.reload()
  await expectSaved(page)
  await expect(sharedText(page)).toHaveValue('')
})

/** Rows of a planted store: [key, value]; a number array becomes a Uint8Array. */
type Rows = Array<[number | string, number[] | string | number]>

/** Writes a database named `name` in the page's origin: stores and rows as given. */
const plantDatabase = (page: Page, name: string, stores: Record<string, Rows>, autoIncrement: string[]) =>
  page.evaluate(
    ({ name, stores, autoIncrement }) =>
      new Promise<void>((resolve, reject) => {
        const r = indexedDB.open(name, 1)
        r.onupgradeneeded = () => {
          for (const s of Object.keys(stores)) r.result.createObjectStore(s, { autoIncrement: autoIncrement.includes(s) })
        }
        r.onsuccess = () => {
          const names = Object.keys(stores)
          const tx = r.result.transaction(names, 'readwrite')
          for (const s of names) for (const [k, v] of stores[s]) tx.objectStore(s).put(Array.isArray(v) ? new Uint8Array(v) : v, k)
          tx.oncomplete = () => {
            r.result.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
        r.onerror = () => reject(r.error)
      }),
    { name, stores, autoIncrement },
  )

const databaseNames = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''))

test('a broken or foreign database is reported and set aside, never merged', async ({ context }) => {
  const broken = uniqueRoom('broken-db')
  const foreign = uniqueRoom('foreign-db')
  const other = uniqueRoom('other-schema')
  const first = await openLive(context, { room: uniqueRoom('origin'), signaling: '' })
  // y-indexeddb's layout, but the updates are garbage (a truncated update and random bytes).
  await plantDatabase(first, broken, { updates: [[1, [0, 1, 1, 200, 7]], [2, [9, 9, 9]]], custom: [] }, ['updates'])
  // Another app's database under the room's name.
  await plantDatabase(first, foreign, { notes: [['a', 'hello']] }, [])
  // A valid Yjs document, but another schema (version 7) in the custom store.
  await plantDatabase(first, other, { updates: [], custom: [['aprime-schema', 7]] }, ['updates'])
  await first.close()

  for (const [room, why] of [
    [broken, /is not a valid update|does not apply/],
    [foreign, /not a saved room of this playground/],
    [other, /another schema \(version 7/],
  ] as const) {
    const page = await openLive(context, { room, signaling: '' })
    await expect(page.getByRole('status').filter({ hasText: 'could not be used' })).toContainText(why)
    await expect(page.getByRole('status').filter({ hasText: 'could not be used' })).toContainText('set aside')
    await expectSaved(page)
    await expect(sharedText(page)).toHaveValue('')
    const names = await databaseNames(page)
    expect(names.filter((n) => n.startsWith(`${room}~set-aside-`))).toHaveLength(1)
    // The room works and saves normally afterwards.
    await sharedText(page).click()
    await page.keyboard.type('fresh')
    await page.reload()
    await expect(sharedText(page)).toHaveValue('fresh')
    await expect(page.getByRole('status').filter({ hasText: 'could not be used' })).toHaveCount(0)
    await page.close()
  }
})
