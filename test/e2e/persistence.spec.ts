import type { Page } from '@playwright/test'
import { docText, expect, openLive, sharedText, test, toFront, uniqueRoom } from './fixtures'

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
