import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startClassServer } from '../../server/classServer.mjs'
import { type Browser, launchChromium, launchFirefox, launchWebKit, type Tab } from './browsers'
import { serveSite } from './servers'
import { digestOf, docText, expectNoPageErrors, linkTo, openLive, SHARED_TEXT, uniqueRoom, until, untilText } from './steps'

// WebKit (this WebKitGTK has no RTCPeerConnection, as a phone whose WebRTC cannot connect) in one
// room with Chromium and Firefox, which reach each other over WebRTC. The class server (signaling
// and relay on one port) is the only path to the WebKit page. Run inside a private network
// namespace by scripts/engines.mjs, like interop.spec.ts.

const CLASS_PORT = Number(process.env.ENGINES_CLASS_PORT ?? 4619)
const CLASS_URL = `ws://127.0.0.1:${CLASS_PORT}`

/** Each peer card's "how reached" line, as the page shows it. */
const reachedLines = (tab: Tab) => tab.run(() => Array.from(document.querySelectorAll('li[data-peer]')).map((li) => li.textContent ?? ''))

describe('WebKit without WebRTC joins Chromium and Firefox through the relay', () => {
  let webkit: Browser
  let chromium: Browser
  let firefox: Browser
  let site: { close: () => Promise<void> }
  let server: Awaited<ReturnType<typeof startClassServer>>

  beforeAll(async () => {
    site = await serveSite()
    server = await startClassServer({ port: CLASS_PORT, host: '127.0.0.1', dist: null })
    webkit = await launchWebKit()
    chromium = await launchChromium()
    firefox = await launchFirefox()
  }, 90_000)
  afterAll(async () => {
    await webkit?.close()
    await chromium?.close()
    await firefox?.close()
    await server?.close()
    await site?.close()
  }, 30_000)

  test('all three converge both ways; each card says how its replica is reached', async () => {
    const link = linkTo({ room: uniqueRoom('relay'), signaling: CLASS_URL, relay: CLASS_URL })
    const wk = await webkit.newTab()
    const ch = await chromium.newTab()
    const ff = await firefox.newTab()
    for (const t of [ch, ff, wk]) await openLive(t, link)
    expect(await wk.run(() => typeof (window as any).RTCPeerConnection)).toBe('undefined')
    // The WebKit page says why it goes through the relay; the others have WebRTC and say nothing of the kind.
    await until(wk, 'WebKit says it has no WebRTC', true, () =>
      /no WebRTC.*only through the relay/.test(document.querySelector('[data-testid="no-webrtc"]')?.textContent ?? ''),
    )
    for (const t of [ch, ff]) expect(await t.run(() => document.querySelectorAll('[data-testid="no-webrtc"]').length)).toBe(0)

    // Chromium and Firefox reach each other over WebRTC; the WebKit page only through the relay.
    await until(ch, 'Chromium: Firefox by WebRTC, WebKit through the relay', ['WebRTC', 'relay'], () =>
      (Object.values((window as any).aprime.connection.getSnapshot().peers) as string[]).sort(),
    )
    await until(wk, 'WebKit: both others through the relay', ['relay', 'relay'], () => Object.values((window as any).aprime.connection.getSnapshot().peers))

    await wk.type(SHARED_TEXT, 'WebKit typed this. ')
    await untilText(ch, 'WebKit typed this. ')
    await untilText(ff, 'WebKit typed this. ')
    await ch.type(SHARED_TEXT, 'Chromium this. ')
    await ff.type(SHARED_TEXT, 'Firefox this.')
    await untilText(wk, 'WebKit typed this. Chromium this. Firefox this.')
    await untilText(ch, 'WebKit typed this. Chromium this. Firefox this.')
    for (const t of [ch, ff, wk])
      await until(t, 'A = A′', 'equal', () => (document.querySelector('[data-testid="verdict"]') as HTMLElement | null)?.dataset.verdict)
    const digests = await Promise.all([ch, ff, wk].map(digestOf))
    expect(new Set(digests).size).toBe(1)

    const onWebKit = await reachedLines(wk)
    expect(onWebKit).toHaveLength(2)
    for (const line of onWebKit) expect(line).toContain('reached through the relay')
    const onChromium = await reachedLines(ch)
    expect(onChromium.filter((l) => l.includes('reached through the relay'))).toHaveLength(1)
    expect(onChromium.filter((l) => l.includes('reached by WebRTC'))).toHaveLength(1)
    expect(await docText(wk)).toBe(await docText(ff))
    for (const t of [ch, ff, wk]) await expectNoPageErrors(t)
  })

  test('WebKit with a signaling server and no relay: no error, it says only its own tabs sync, and they do', async () => {
    const link = linkTo({ room: uniqueRoom('no-relay'), signaling: CLASS_URL, relay: '' })
    const ch = await chromium.newTab()
    const wk = await webkit.newTab()
    const wk2 = await webkit.newTab()
    for (const t of [ch, wk, wk2]) await openLive(t, link)
    await until(wk, 'WebKit says only its own tabs sync', true, () =>
      /no WebRTC.*only tabs of this browser/.test(document.querySelector('[data-testid="no-webrtc"]')?.textContent ?? ''),
    )
    // Chromium announces itself through the signaling server: y-webrtc in the WebKit pages makes a
    // WebRTC connection for it that can never open. Give that time to go wrong.
    await until(wk, 'WebKit has its other tab', ['BroadcastChannel'], () => Object.values((window as any).aprime.connection.getSnapshot().peers))
    await wk.type(SHARED_TEXT, 'between WebKit tabs')
    await untilText(wk2, 'between WebKit tabs')
    await new Promise((r) => setTimeout(r, 2000))
    expect(await docText(ch)).toBe('')
    for (const t of [ch, wk, wk2]) await expectNoPageErrors(t)
    await wk2.close()
  })
})
