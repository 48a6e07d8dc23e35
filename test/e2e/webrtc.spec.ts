import { SIGNALING_URL } from '../../playwright.config'
import {
  docText,
  expect,
  expectEqualVerdict,
  openLive,
  placeCaret,
  selfDigest,
  sharedText,
  test,
  toFront,
  uniqueRoom,
  verdict,
} from './fixtures'

// Two browser contexts share no BroadcastChannel, so the only way between them is WebRTC, found
// through the real y-webrtc signaling server the config starts. The test proves that path.
test('two browser contexts converge over WebRTC through the local signaling server', async ({ newContext }) => {
  const room = uniqueRoom('webrtc')
  // Camera/microphone permission is what lets Chromium gather loopback ICE candidates (see RECIPES).
  const ctxA = await newContext({ permissions: ['camera', 'microphone'] })
  const ctxB = await newContext({ permissions: ['camera', 'microphone'] })
  const a = await openLive(ctxA, { room, signaling: SIGNALING_URL })
  const b = await openLive(ctxB, { room, signaling: SIGNALING_URL })

  for (const p of [a, b]) {
    await expect(p.getByTestId('signaling-status')).toHaveAttribute('data-state', 'connected')
    await expect(p.getByTestId('signaling-status')).toContainText(SIGNALING_URL)
    await expect(p.locator('li[data-peer]')).toHaveCount(1, { timeout: 15_000 })
    await expect(p.locator('li[data-peer]')).toContainText('reached by WebRTC', { timeout: 15_000 })
    // The transport itself says so: one WebRTC peer, and nothing over BroadcastChannel.
    await expect
      .poll(() => p.evaluate(() => Object.values((window as any).aprime.connection.getSnapshot().peers) as string[]))
      .toEqual(['WebRTC'])
  }

  // Edits go both ways over the data channel.
  await toFront(a)
  await sharedText(a).click()
  await a.keyboard.type('over WebRTC from A')
  await expect(sharedText(b)).toHaveValue('over WebRTC from A')
  await toFront(b)
  await sharedText(b).click()
  await b.keyboard.press('End')
  await b.keyboard.type(', and back from B')
  await expect(sharedText(a)).toHaveValue('over WebRTC from A, and back from B')
  await b.getByRole('button', { name: '+1', exact: true }).click()
  await expect(a.getByLabel('Counter value')).toHaveText('1')

  // The updates B applied came in by WebRTC (its log says how each arrived).
  expect(await b.evaluate(() => (window as any).aprime.connection.lastUpdateVia?.via)).toBe('WebRTC')
  expect(await docText(a)).toBe(await docText(b))
  await expectEqualVerdict(a)
  await expectEqualVerdict(b)
  await expect.poll(async () => (await selfDigest(a)) !== '' && (await selfDigest(a)) === (await selfDigest(b))).toBe(true)

  // Still no BroadcastChannel peer anywhere: nothing could have taken a shortcut.
  for (const p of [a, b]) {
    const peers = await p.evaluate(() => (window as any).aprime.connection.getSnapshot().peers as Record<string, string>)
    expect(Object.values(peers)).toEqual(['WebRTC'])
  }
})

test('over WebRTC, a replica that went offline catches up when it comes back', async ({ newContext }) => {
  const room = uniqueRoom('webrtc-offline')
  const ctxA = await newContext({ permissions: ['camera', 'microphone'] })
  const ctxB = await newContext({ permissions: ['camera', 'microphone'] })
  const a = await openLive(ctxA, { room, signaling: SIGNALING_URL })
  const b = await openLive(ctxB, { room, signaling: SIGNALING_URL })
  await expect(a.locator('li[data-peer]')).toContainText('reached by WebRTC', { timeout: 15_000 })
  await placeCaret(a, 0)
  await a.keyboard.type('shared')
  await expect(sharedText(b)).toHaveValue('shared')

  const offline = a.getByRole('switch', { name: 'Offline' })
  await offline.check()
  await expect(a.getByTestId('signaling-status')).toHaveAttribute('data-state', 'off')
  await expect.poll(() => a.evaluate(() => (window as any).aprime.connection.getSnapshot().peers)).toEqual({})
  await placeCaret(a, 'shared'.length)
  await a.keyboard.type(' +A')
  await placeCaret(b, 0)
  await b.keyboard.type('B+ ')
  await expect(verdict(a)).toHaveAttribute('data-verdict', 'differs')
  expect(await docText(b)).toBe('B+ shared')

  await toFront(a)
  await offline.uncheck()
  await expect(a.getByTestId('signaling-status')).toHaveAttribute('data-state', 'connected')
  await expect(sharedText(a)).toHaveValue('B+ shared +A', { timeout: 15_000 })
  await expect(sharedText(b)).toHaveValue('B+ shared +A')
  await expect(a.locator('li[data-peer]')).toContainText('reached by WebRTC')
  await expect
    .poll(() => a.evaluate(() => Object.values((window as any).aprime.connection.getSnapshot().peers) as string[]))
    .toEqual(['WebRTC'])
  await expectEqualVerdict(a)
  await expectEqualVerdict(b)
})
