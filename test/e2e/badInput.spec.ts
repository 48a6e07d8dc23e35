import { createServer, type Server, type Socket } from 'node:net'
import type { Page } from '@playwright/test'
import { docText, expect, expectEqualVerdict, openLive, selfDigest, sharedText, test, toFront, uniqueRoom } from './fixtures'

/** A loopback port that nothing listens on (bound, then released). */
const closedPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

/** A loopback TCP server that accepts connections and never answers (a WebSocket handshake hangs). */
const silentServer = (): Promise<{ port: number; close: () => Promise<void> }> =>
  new Promise((resolve, reject) => {
    const sockets = new Set<Socket>()
    const server: Server = createServer((s) => {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
    })
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      const close = () =>
        new Promise<void>((done) => {
          for (const s of sockets) s.destroy()
          server.close(() => done())
        })
      resolve({ port, close })
    })
  })

/** Typing in the shared text reaches the document: the page works. */
const expectTypingWorks = async (page: Page, text: string) => {
  await toFront(page)
  await sharedText(page).click()
  await page.keyboard.type(text)
  await expect(sharedText(page)).toHaveValue(text)
  expect(await docText(page)).toBe(text)
}

const newRoomInUrl = (page: Page): string | null => new URL(page.url()).searchParams.get('room')

test.describe('bad input', () => {
  test('a ?room= with spaces and emoji means the same room on every device: normalized, and the page says so', async ({ context }) => {
    const stamp = uniqueRoom('x').slice(6)
    const raw = `./?room=${encodeURIComponent(`my class room 🎉 ${stamp}`)}&signaling=`
    const a = await openLive(context, raw)
    const room = `my-class-room-${stamp}`
    await expect(a.getByRole('status').filter({ hasText: `this link opens the room "${room}" on every device` })).toBeVisible()
    await expect.poll(() => newRoomInUrl(a)).toBe(room)
    expect(await a.evaluate(() => (window as any).aprime.store.getState().room)).toBe(room)
    await expectTypingWorks(a, 'still works')

    // Another tab opening the very same link (spaces, emoji and all) joins the same room.
    const b = await openLive(context, raw)
    await expect.poll(() => newRoomInUrl(b)).toBe(room)
    await expect(sharedText(b)).toHaveValue('still works')
  })

  test('an empty ?room= is reported and replaced by a new valid room', async ({ context }) => {
    const a = await openLive(context, { room: '', signaling: '' })
    await expect(a.getByRole('status').filter({ hasText: 'empty room name' })).toBeVisible()
    await expect.poll(() => newRoomInUrl(a)).toMatch(/^[0-9a-z]{25}$/)
    await expectTypingWorks(a, 'works')
  })

  test('a malformed ?signaling= is reported and ignored', async ({ context }) => {
    const room = uniqueRoom('bad-signaling')
    const a = await openLive(context, { room, signaling: 'notaurl' })
    await expect(a.getByRole('status').filter({ hasText: 'Signaling server ignored: "notaurl" is not a URL' })).toBeVisible()
    // No usable server is left: the page says so, and tabs of this browser still sync.
    await expect(a.getByTestId('no-signaling')).toBeVisible()
    await expectTypingWorks(a, 'typing works')
    const b = await openLive(context, { room, signaling: 'notaurl' })
    await expect(sharedText(b)).toHaveValue('typing works')
  })

  test('an unreachable signaling server shows "unreachable" and an alert; tabs still sync', async ({ context }) => {
    const room = uniqueRoom('unreachable')
    const url = `ws://127.0.0.1:${await closedPort()}`
    const a = await openLive(context, { room, signaling: url })
    const b = await openLive(context, { room, signaling: url })
    for (const p of [a, b]) {
      await expect(p.getByTestId('signaling-status')).toHaveAttribute('data-state', 'unreachable', { timeout: 10_000 })
      await expect(p.getByRole('alert').filter({ hasText: `The signaling server ${url} cannot be reached` })).toBeVisible({
        timeout: 10_000,
      })
    }
    await expectTypingWorks(a, 'no server needed here')
    await expect(sharedText(b)).toHaveValue('no server needed here')
    await expect(b.locator('li[data-peer]')).toContainText('reached by BroadcastChannel')
    await expectEqualVerdict(a)
    await expectEqualVerdict(b)
  })

  test('a signaling server that accepts but never answers is called unreachable after its timeout', async ({ context }) => {
    const silent = await silentServer()
    try {
      const url = `ws://127.0.0.1:${silent.port}`
      const a = await openLive(context, { room: uniqueRoom('silent-signaling'), signaling: url })
      await expect(a.getByTestId('signaling-status')).toHaveAttribute('data-state', 'connecting')
      // The page gives a server 5 s (SIGNALING_TIMEOUT_MS) before it says "unreachable".
      await expect(a.getByTestId('signaling-status')).toHaveAttribute('data-state', 'unreachable', { timeout: 10_000 })
      await expect(a.getByRole('alert').filter({ hasText: `The signaling server ${url} cannot be reached` })).toBeVisible()
      await expectTypingWorks(a, 'still editable')
    } finally {
      await silent.close()
    }
  })

  test('a broken update is refused whole; the receiving replica is unchanged and keeps syncing', async ({ context }) => {
    const room = uniqueRoom('broken-update')
    const a = await openLive(context, { room, signaling: '' })
    const b = await openLive(context, { room, signaling: '' })
    await expectTypingWorks(a, 'before')
    await expect(sharedText(b)).toHaveValue('before')
    await expectEqualVerdict(b)
    await expect.poll(async () => (await selfDigest(a)) === (await selfDigest(b))).toBe(true)

    // Everything that could change in B's replica, and a counter of its document updates.
    const stateOf = (p: Page) =>
      p.evaluate(() => {
        const { doc, store } = (window as any).aprime
        return {
          text: doc.getText('text').toString() as string,
          json: JSON.stringify(doc.toJSON()),
          digest: store.getState().self.digest as string,
          clientID: doc.clientID as number,
          pending: doc.store.pendingStructs !== null || doc.store.pendingDs !== null,
        }
      })
    const before = await stateOf(b)
    await b.evaluate(() => {
      const w = window as any
      w.updatesSeen = 0
      w.aprime.doc.on('update', () => {
        w.updatesSeen++
      })
    })

    await toFront(a)
    await a.getByText('Try to break it').click()
    await a.getByRole('button', { name: 'Send a broken update' }).click()
    await expect(b.getByRole('alert').filter({ hasText: 'Refused a malformed message from BroadcastChannel' })).toBeVisible()

    expect(await b.evaluate(() => (window as any).updatesSeen)).toBe(0)
    expect(await stateOf(b)).toEqual(before)
    expect(await selfDigest(b)).toBe(before.digest)
    await expect(sharedText(b)).toHaveValue('before')
    expect(await docText(a)).toBe('before')

    // B keeps syncing, both ways.
    await sharedText(a).press('End')
    await a.keyboard.type(' and after')
    await expect(sharedText(b)).toHaveValue('before and after')
    await toFront(b)
    await sharedText(b).press('End')
    await b.keyboard.type('!')
    await expect(sharedText(a)).toHaveValue('before and after!')
    expect(await b.evaluate(() => (window as any).updatesSeen)).toBeGreaterThan(0)
    await expectEqualVerdict(a)
    await expectEqualVerdict(b)
    await expect.poll(async () => (await selfDigest(a)) === (await selfDigest(b))).toBe(true)
  })

  test('the guard still refuses a broken update after the receiving tab went offline and back', async ({ context }) => {
    const room = uniqueRoom('broken-after-reconnect')
    const a = await openLive(context, { room, signaling: '' })
    const b = await openLive(context, { room, signaling: '' })
    await toFront(b)
    const offline = b.getByRole('switch', { name: 'Offline' })
    await offline.check()
    await expect.poll(() => b.evaluate(() => (window as any).aprime.connection.getSnapshot().online)).toBe(false)
    await offline.uncheck()
    await expectTypingWorks(a, 'reconnected')
    await expect(sharedText(b)).toHaveValue('reconnected')
    await expectEqualVerdict(b)
    await b.evaluate(() => {
      const w = window as any
      w.updatesSeen = 0
      w.aprime.doc.on('update', () => {
        w.updatesSeen++
      })
    })

    await a.getByText('Try to break it').click()
    await a.getByRole('button', { name: 'Send a broken update' }).click()
    await expect(b.getByRole('alert').filter({ hasText: 'Refused a malformed message from BroadcastChannel' })).toBeVisible()
    expect(await b.evaluate(() => (window as any).updatesSeen)).toBe(0)
    expect(await docText(b)).toBe('reconnected')
  })
})
