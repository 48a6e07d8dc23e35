import { startClassServer } from '../../server/classServer.mjs'
import { appendText, textOf } from './classroomHelpers'
import { expect, openLive, test, uniqueRoom } from './fixtures'

/**
 * The relay on loopback: pages with no signaling server (so no WebRTC) and separate browser
 * contexts (so no BroadcastChannel) can only meet through the relay, as students on Wi-Fi that
 * isolates its clients do. The relay is the project's class server, started here per test.
 */
const RELAY_PORT = Number(process.env.E2E_RELAY_PORT ?? 4466)
const relayUrl = `ws://127.0.0.1:${RELAY_PORT}`

test('two replicas that reach each other only through the relay converge, and say how they are reached', async ({ newContext }) => {
  const server = await startClassServer({ port: RELAY_PORT, host: '127.0.0.1', dist: null })
  try {
    const room = uniqueRoom('relay-only')
    const a = await openLive(await newContext(), { room, signaling: '', relay: relayUrl })
    const b = await openLive(await newContext(), { room, signaling: '', relay: relayUrl })
    await appendText(a, 'from A ')
    await appendText(b, 'from B ')
    await expect.poll(() => textOf(b), { timeout: 10_000 }).toContain('from A')
    await expect.poll(() => textOf(a), { timeout: 10_000 }).toContain('from B')
    expect(await textOf(a)).toBe(await textOf(b))
    await expect(a.locator('li[data-peer]')).toContainText('reached through the relay')
    await expect(a.getByTestId('verdict')).toHaveAttribute('data-verdict', 'equal', { timeout: 10_000 })
    expect(server.hub.summary().messages).toBeGreaterThan(0)
  } finally {
    await server.close()
  }
})

test('the relay goes down: the page says so and keeps its edits; the relay comes back: the class converges by itself', async ({ newContext }) => {
  let server = await startClassServer({ port: RELAY_PORT, host: '127.0.0.1', dist: null })
  try {
    const room = uniqueRoom('relay-restart')
    const a = await openLive(await newContext(), { room, signaling: '', relay: relayUrl })
    const b = await openLive(await newContext(), { room, signaling: '', relay: relayUrl })
    await appendText(a, 'before ')
    await expect.poll(() => textOf(b), { timeout: 10_000 }).toContain('before')
    await server.close()
    await expect(a.getByRole('alert').filter({ hasText: `The relay ${relayUrl} cannot be reached` })).toBeVisible({ timeout: 15_000 })
    await appendText(a, 'while-down-A ')
    await appendText(b, 'while-down-B ')
    expect(await textOf(a)).toContain('while-down-A')
    server = await startClassServer({ port: RELAY_PORT, host: '127.0.0.1', dist: null })
    await expect.poll(() => textOf(b), { timeout: 15_000 }).toContain('while-down-A')
    await expect.poll(() => textOf(a), { timeout: 15_000 }).toContain('while-down-B')
  } finally {
    await server.close()
  }
})

test('offline and back through the relay: both sides edit, then converge', async ({ newContext }) => {
  const server = await startClassServer({ port: RELAY_PORT, host: '127.0.0.1', dist: null })
  try {
    const room = uniqueRoom('relay-offline')
    const a = await openLive(await newContext(), { room, signaling: '', relay: relayUrl })
    const b = await openLive(await newContext(), { room, signaling: '', relay: relayUrl })
    await expect(a.locator('li[data-peer]')).toContainText('reached through the relay', { timeout: 10_000 })
    await a.getByRole('switch', { name: 'Offline' }).click()
    await appendText(a, 'offline edit ')
    await appendText(b, 'online edit ')
    await a.waitForTimeout(1500)
    expect(await textOf(b)).not.toContain('offline edit')
    await a.getByRole('switch', { name: 'Offline' }).click()
    await expect.poll(() => textOf(b), { timeout: 10_000 }).toContain('offline edit')
    await expect.poll(() => textOf(a), { timeout: 10_000 }).toContain('online edit')
  } finally {
    await server.close()
  }
})
