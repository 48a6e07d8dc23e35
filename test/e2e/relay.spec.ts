import { ed25519 } from '@noble/curves/ed25519.js'
import * as encoding from 'lib0/encoding'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { toHex } from '../../src/core/hex'
import { openPolicy } from '../../src/core/policy/NetworkPolicy'
import { setCut } from '../../src/core/policy/policyEdits'
import { signPolicy } from '../../src/core/policy/policySignature'
import { startClassServer } from '../../server/classServer.mjs'
import { appendText, textOf } from './classroomHelpers'
import { expect, linkTo, openLive, test, uniqueRoom } from './fixtures'

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
    // Back: the red box goes away by itself (a wall would otherwise keep it after a server restart).
    await expect(a.getByRole('alert').filter({ hasText: `The relay ${relayUrl} cannot be reached` })).toHaveCount(0, { timeout: 10_000 })
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

/** A hostile client of the relay, speaking its protocol from Node with no project code on the wire path. */
const hostileClient = async (room: string) => {
  const WebSocket = (await import('ws')).default
  const ws = new WebSocket(relayUrl)
  await new Promise((r) => ws.once('open', r))
  ws.send(JSON.stringify({ type: 'subscribe', topics: [`aprime-relay:${room}`] }))
  const publish = (bytes: Uint8Array | string, from = 424242) =>
    ws.send(
      JSON.stringify({
        type: 'publish',
        topic: `aprime-relay:${room}`,
        from,
        data: { p: 'mallory', m: typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('base64') },
      }),
    )
  return { ws, publish }
}

test('malformed, oversized and forged messages through the relay are refused; the replica keeps its state and its class', async ({ newContext }) => {
  const server = await startClassServer({ port: RELAY_PORT, host: '127.0.0.1', dist: null })
  try {
    const room = uniqueRoom('relay-hostile')
    // Both follow a teacher's key (whose secret nobody here holds): only its signature would be obeyed.
    const teacher = toHex(ed25519.getPublicKey(ed25519.utils.randomSecretKey()))
    const a = await openLive(await newContext(), { room, signaling: '', relay: relayUrl, teacher })
    const b = await openLive(await newContext(), { room, signaling: '', relay: relayUrl, teacher })
    await appendText(a, 'kept ')
    await expect.poll(() => textOf(b), { timeout: 10_000 }).toBe('kept ')
    const mallory = await hostileClient(room)
    // A y-webrtc sync update (0, 2) whose payload is garbage, then bytes that are no message at all.
    mallory.publish(Uint8Array.from([0, 2, 5, 1, 2, 3, 4, 5]))
    mallory.publish(Uint8Array.from([9, 9, 9]))
    // Not base64 at all: dropped before it is read.
    mallory.publish('%%%not base64%%%')
    // Over the relay's size limit: the relay itself refuses it and tells the sender.
    const refusal = new Promise<string>((resolve) => mallory.ws.on('message', (d: Buffer) => {
      const m = JSON.parse(String(d))
      if (m.type === 'refused') resolve(m.reason)
    }))
    mallory.publish(new Uint8Array(2 * 1024 * 1024))
    expect(await refusal).toMatch(/over the relay's limit/)
    await expect(a.getByRole('alert').filter({ hasText: 'Refused a malformed message from relay' }).first()).toBeVisible({ timeout: 10_000 })
    expect(await textOf(a)).toBe('kept ')
    // A network control signed with a key that is not the teacher's, in awareness through the relay: refused.
    const idA = await a.evaluate(() => (window as any).aprime.doc.clientID as number)
    const forged = signPolicy(setCut(openPolicy(room), idA, true, Date.now()), ed25519.utils.randomSecretKey())
    const doc = new Y.Doc()
    const awareness = new Awareness(doc)
    awareness.setLocalState({ user: { name: 'Mallory', color: '#000000' }, policy: forged })
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint8Array(e, encodeAwarenessUpdate(awareness, [doc.clientID]))
    mallory.publish(encoding.toUint8Array(e), doc.clientID)
    awareness.destroy()
    // It arrived (Mallory is in A's awareness), and nothing of it was obeyed.
    await expect.poll(() => a.evaluate((id) => (window as any).aprime.awareness.getStates().has(id), doc.clientID), { timeout: 10_000 }).toBe(true)
    await a.waitForTimeout(500)
    expect(await a.evaluate(() => (window as any).aprime.policy.version)).toBeNull()
    expect(await a.evaluate(() => (window as any).aprime.gate.policy.cut)).toEqual([])
    // The class still works after all that.
    await appendText(b, 'and more')
    await expect.poll(() => textOf(a), { timeout: 10_000 }).toBe('kept and more')
    mallory.ws.close()
  } finally {
    await server.close()
  }
})

test('a room of over 1 MB reaches a newcomer through the relay (in chunks under the relay limit)', async ({ newContext }) => {
  const server = await startClassServer({ port: RELAY_PORT, host: '127.0.0.1', dist: null })
  try {
    const room = uniqueRoom('relay-large')
    const a = await openLive(await newContext(), { room, signaling: '', relay: relayUrl })
    // 1.5 MB of text in one transaction: its sync step 2 is far over the relay's 1 MiB message limit.
    await a.evaluate(() => (window as any).aprime.doc.getText('text').insert(0, 'abcdefghij'.repeat(150_000)))
    const b = await openLive(await newContext(), { room, signaling: '', relay: relayUrl })
    await expect.poll(() => b.evaluate(() => (window as any).aprime.doc.getText('text').length as number), { timeout: 30_000 }).toBe(1_500_000)
    expect(server.hub.summary().refused).toBe(0)
  } finally {
    await server.close()
  }
})

test('with a room password, the relay carries only sealed messages: the same password syncs, another one or none reads nothing', async ({ newContext }) => {
  const server = await startClassServer({ port: RELAY_PORT, host: '127.0.0.1', dist: null })
  try {
    const room = uniqueRoom('relay-password')
    const open = async (password: string | null) =>
      openLive(await newContext(), `${linkTo({ room, signaling: '', relay: relayUrl })}${password === null ? '' : `#password=${encodeURIComponent(password)}`}`)
    const a = await open('right horse')
    const b = await open('right horse')
    const wrong = await open('wrong')
    const none = await open(null)
    await appendText(a, 'sealed words')
    await expect.poll(() => textOf(b), { timeout: 10_000 }).toBe('sealed words')
    await appendText(wrong, 'vandal')
    await appendText(none, 'plain')
    await expect(wrong.getByTestId('password-mismatch')).toContainText('another password', { timeout: 10_000 })
    await expect(none.getByTestId('password-mismatch')).toContainText('uses a password', { timeout: 10_000 })
    await a.waitForTimeout(1000)
    expect(await textOf(a)).toBe('sealed words')
    expect(await textOf(b)).toBe('sealed words')
    expect(await textOf(wrong)).toBe('vandal')
    expect(await textOf(none)).toBe('plain')
    for (const p of [a, b, wrong, none]) await expect(p.getByRole('alert').filter({ hasText: 'malformed' })).toHaveCount(0)
  } finally {
    await server.close()
  }
})
