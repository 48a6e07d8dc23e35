import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Browser, launchChromium, launchFirefox, type Tab } from './browsers'
import { serveSite, SIGNALING_URL, startSignaling } from './servers'
import { clickButton, digestOf, docText, expectNoPageErrors, linkTo, openLive, peersOf, SHARED_TEXT, uniqueRoom, until, untilText, untilWithin } from './steps'

// Firefox (Gecko) and Chromium in one room: two browsers share no BroadcastChannel, so the only
// path between them is WebRTC, found through y-webrtc's real signaling server. Firefox's ICE uses
// the machine's default-route address, so scripts/engines.mjs runs this file inside a private
// network namespace (a veth pair and a default route of its own): no packet leaves the machine.

/** A text of `n` characters that is not one repeated byte: every 1,000 characters say where they are. */
const bigText = (n: number, tag: string): string => {
  const parts: string[] = []
  for (let i = 0; parts.length * 1000 < n; i++) parts.push(`${tag}${i.toString(36)}:`.padEnd(1000, String.fromCharCode(97 + (i % 26))))
  return parts.join('').slice(0, n)
}

/** Length and a 32-bit hash of the page's text, computed in the page (a megabyte is not shipped back). */
const textSum = (tab: Tab) =>
  tab.run(() => {
    const text = (window as any).aprime.doc.getText('text').toString() as string
    let h = 0
    for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0
    return { length: text.length, h }
  })
const sumOf = (text: string) => {
  let h = 0
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0
  return { length: text.length, h }
}

describe('Firefox and Chromium in one room, over real WebRTC', () => {
  let firefox: Browser
  let chromium: Browser
  let site: { close: () => Promise<void> }
  let signaling: { close: () => Promise<void> }

  beforeAll(async () => {
    site = await serveSite()
    signaling = await startSignaling()
    firefox = await launchFirefox()
    chromium = await launchChromium()
  }, 60_000)
  afterAll(async () => {
    await firefox?.close()
    await chromium?.close()
    await signaling?.close()
    await site?.close()
  }, 30_000)

  /**
   * Both pages linked over WebRTC. After a peer comes back, y-webrtc links again only once the
   * other side has let go of the old connection: usually at once, but when the close did not reach
   * it, only when that connection's ICE consent runs out (about 30 s in Chromium). So a reconnection
   * may wait up to `timeout`.
   */
  const connected = async (a: Tab, b: Tab, timeout = 20_000) => {
    const wait = untilWithin(timeout)
    for (const t of [a, b]) {
      await wait(t, 'the signaling server is connected', 'connected', () => (document.querySelector('[data-testid="signaling-status"]') as HTMLElement | null)?.dataset.state)
      await wait(t, 'one peer, reached by WebRTC', ['WebRTC'], () => Object.values((window as any).aprime.connection.getSnapshot().peers))
    }
  }

  test('typing converges both ways, the counter sums, and both say A = A′ with one digest', async () => {
    const room = uniqueRoom('interop')
    const ff = await firefox.newTab()
    const ch = await chromium.newTab()
    await openLive(ff, linkTo({ room, signaling: SIGNALING_URL }))
    await openLive(ch, linkTo({ room, signaling: SIGNALING_URL }))
    await connected(ff, ch)
    await ff.type(SHARED_TEXT, 'Firefox typed this')
    await untilText(ch, 'Firefox typed this')
    await ch.type(SHARED_TEXT, ', Chromium this')
    await untilText(ff, 'Firefox typed this, Chromium this')
    await clickButton(ff, '+1')
    await until(ch, 'the counter reached Chromium', '1', () => document.querySelector('[aria-label="Counter value"]')?.textContent)
    await until(ch, 'the update came by WebRTC', 'WebRTC', () => (window as any).aprime.connection.lastUpdateVia?.via)
    await until(ff, 'Firefox says A = A′', 'equal', () => (document.querySelector('[data-testid="verdict"]') as HTMLElement | null)?.dataset.verdict)
    await until(ch, 'Chromium says A = A′', 'equal', () => (document.querySelector('[data-testid="verdict"]') as HTMLElement | null)?.dataset.verdict)
    await expect.poll(async () => (await digestOf(ff)) === (await digestOf(ch)) && (await digestOf(ff)) !== '').toBe(true)
    for (const t of [ff, ch]) await expectNoPageErrors(t)
    await ff.close()
    await ch.close()
  })

  test('documents over 256 KiB (Chromium’s message cap) cross both ways: a 1 MB initial sync to Firefox, a 600 kB edit to Chromium', async () => {
    const room = uniqueRoom('interop-large')
    const ch = await chromium.newTab()
    await openLive(ch, linkTo({ room, signaling: SIGNALING_URL }))
    const first = bigText(1_000_000, 'c')
    await ch.run((t: string) => (window as any).aprime.doc.getText('text').insert(0, t), first)
    // Firefox joins later: the whole megabyte comes in its first sync, from Chromium.
    const ff = await firefox.newTab()
    await openLive(ff, linkTo({ room, signaling: SIGNALING_URL }))
    await connected(ff, ch)
    await expect.poll(() => textSum(ff), { timeout: 30_000 }).toEqual(sumOf(first))
    // One edit of 600 kB from Firefox: one update larger than Chromium takes in one message.
    const second = bigText(600_000, 'f')
    await ff.run((t: string) => {
      const y = (window as any).aprime.doc.getText('text')
      y.insert(y.length, t)
    }, second)
    await expect.poll(() => textSum(ch), { timeout: 30_000 }).toEqual(sumOf(first + second))
    expect(await peersOf(ch)).toEqual(['WebRTC'])
    // Small edits still cross after the large ones.
    await ch.run(() => (window as any).aprime.doc.getText('text').insert(0, 'C:'))
    await expect.poll(() => ff.run(() => (window as any).aprime.doc.getText('text').toString().slice(0, 4) as string), { timeout: 20_000 }).toBe('C:c0')
    for (const t of [ff, ch]) await expectNoPageErrors(t)
    await ff.close()
    await ch.close()
  })

  test('Firefox goes offline, both edit, Firefox comes back: both hold both edits', async () => {
    const room = uniqueRoom('interop-offline')
    const ff = await firefox.newTab()
    const ch = await chromium.newTab()
    await openLive(ff, linkTo({ room, signaling: SIGNALING_URL }))
    await openLive(ch, linkTo({ room, signaling: SIGNALING_URL }))
    // The first WebRTC link of this test has twice not come up at all in CI (60 s), while every other
    // link in these specs does within seconds: the peers stay unlisted. A user would go Offline and
    // Online again; so does this test then, and says so (the product does not yet do it by itself).
    try {
      await connected(ff, ch, 30_000)
    } catch {
      console.log('interop: no WebRTC link between Firefox and Chromium after 30 s; Firefox goes Offline and Online again')
      await ff.click('label.switch input[role="switch"]')
      await until(ff, 'Firefox is offline', 'off', () => (document.querySelector('[data-testid="signaling-status"]') as HTMLElement | null)?.dataset.state)
      await ff.click('label.switch input[role="switch"]')
      await connected(ff, ch, 60_000)
    }
    await ch.type(SHARED_TEXT, 'shared')
    await untilText(ff, 'shared')

    await ff.click('label.switch input[role="switch"]')
    await until(ff, 'Firefox is offline', 'off', () => (document.querySelector('[data-testid="signaling-status"]') as HTMLElement | null)?.dataset.state)
    await until(ff, 'Firefox has no peer', [], () => Object.values((window as any).aprime.connection.getSnapshot().peers))
    await ff.type(SHARED_TEXT, ' +Firefox')
    await ch.run(() => (window as any).aprime.doc.getText('text').insert(0, 'Chromium+ '))
    await until(ff, 'Firefox knows it differs', 'differs', () => (document.querySelector('[data-testid="verdict"]') as HTMLElement | null)?.dataset.verdict)
    expect(await docText(ch)).toBe('Chromium+ shared')
    expect(await docText(ff)).toBe('shared +Firefox')

    await ff.click('label.switch input[role="switch"]')
    await connected(ff, ch, 60_000)
    await untilText(ff, 'Chromium+ shared +Firefox')
    await untilText(ch, 'Chromium+ shared +Firefox')
    await until(ff, 'Firefox says A = A′', 'equal', () => (document.querySelector('[data-testid="verdict"]') as HTMLElement | null)?.dataset.verdict)
    await until(ch, 'Chromium says A = A′', 'equal', () => (document.querySelector('[data-testid="verdict"]') as HTMLElement | null)?.dataset.verdict)
    for (const t of [ff, ch]) await expectNoPageErrors(t)
    await ff.close()
    await ch.close()
  }, 150_000)
})
