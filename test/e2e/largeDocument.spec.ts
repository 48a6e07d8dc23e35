import { SIGNALING_URL } from '../../playwright.config'
import { expect, openLive, test, uniqueRoom } from './fixtures'

// Chrome caps one data-channel message at 256 KiB and y-webrtc does not split: without chunking,
// the sync step 2 carrying a 5 MB document never reaches a new browser over WebRTC.
test('a 5 MB document reaches a fresh browser context over WebRTC, in full', async ({ newContext }) => {
  test.setTimeout(90_000)
  const room = uniqueRoom('large-doc')
  const ctxA = await newContext({ permissions: ['camera', 'microphone'] })
  const a = await openLive(ctxA, { room, signaling: SIGNALING_URL })
  // 5 MB of text that is not one repeated byte (every 1,000 characters say where they are).
  const sum = await a.evaluate(() => {
    const parts: string[] = []
    for (let i = 0; parts.length * 1000 < 5_000_000; i++) parts.push(`${i.toString(36)}:`.padEnd(1000, String.fromCharCode(97 + (i % 26))))
    const text = parts.join('')
    ;(window as any).aprime.doc.getText('text').insert(0, text)
    let h = 0
    for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0
    return { length: text.length, h }
  })
  expect(sum.length).toBe(5_000_000)

  const ctxB = await newContext({ permissions: ['camera', 'microphone'] })
  const b = await openLive(ctxB, { room, signaling: SIGNALING_URL })
  await expect(b.locator('li[data-peer]')).toContainText('reached by WebRTC', { timeout: 20_000 })
  await expect.poll(() => b.evaluate(() => (window as any).aprime.doc.getText('text').length as number), { timeout: 30_000 }).toBe(5_000_000)
  const got = await b.evaluate(() => {
    const text = (window as any).aprime.doc.getText('text').toString() as string
    let h = 0
    for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0
    return { length: text.length, h }
  })
  expect(got).toEqual(sum)
  expect(await b.evaluate(() => Object.values((window as any).aprime.connection.getSnapshot().peers))).toEqual(['WebRTC'])
  // Small edits still travel as plain y-webrtc messages, both ways.
  await b.evaluate(() => (window as any).aprime.doc.getText('text').insert(0, 'B:'))
  await expect.poll(() => a.evaluate(() => (window as any).aprime.doc.getText('text').toString().slice(0, 4) as string)).toBe('B:0:')
})
