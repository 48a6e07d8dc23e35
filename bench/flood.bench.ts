// A flood of valid updates, in real Chromium: a plain peer (no project code, posting y-webrtc
// messages on the room's BroadcastChannel from a same-origin page) sends 1,000 one-character
// updates per second for 10 s. Measured on the live room, side by side with the bare Yjs +
// y-webrtc page (bench/bare/) under the same flood:
// - a +1 click during the flood → the counter shows it (raw input, once a second);
// - the flood's last message → the page's document holds every character (catch-up).
import * as encoding from 'lib0/encoding'
import type { Browser, Page } from '@playwright/test'
import { afterAll, beforeAll, test } from 'vitest'
import * as Y from 'yjs'
import { buildSite, serveAndLaunch, viteBuild } from './browserBench'
import { median, percentile, record } from './record'

const RATE = 1000
const SECONDS = 10
const ROUNDS = 2
let ROOT = ''
let browser: Browser
let stop: () => Promise<void> = async () => {}

beforeAll(async () => {
  buildSite('app')
  viteBuild(['--config', 'bench/vite.bare.config.ts'])
  // The flooding page is a background tab: without these its 10 ms timer would fire once a second.
  ;({ root: ROOT, browser, stop } = await serveAndLaunch(Number(process.env.BENCH_FLOOD_PORT ?? process.env.BENCH_LIVE_PORT ?? 4191), [
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
    '--disable-backgrounding-occluded-windows',
  ]))
})

afterAll(async () => {
  await stop()
})

/** RATE × SECONDS one-character updates of one writer, each as a y-webrtc sync update message. */
const floodMessages = (): number[][] => {
  const w = new Y.Doc()
  w.clientID = 777000777
  const out: number[][] = []
  w.on('update', (u: Uint8Array) => {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint(e, 2)
    encoding.writeVarUint8Array(e, u)
    out.push(Array.from(encoding.toUint8Array(e)))
  })
  const text = w.getText('text')
  for (let i = 0; i < RATE * SECONDS; i++) text.insert(i, String.fromCharCode(97 + (i % 26)))
  return out
}

/** In the flooding page: posts `messages` on the room's channel, RATE a second, in 10 ms slices; resolves with the time of the last post. */
const flood = (args: { room: string; messages: number[][]; perSlice: number }) =>
  new Promise<number>((resolve) => {
    const bc = new BroadcastChannel(args.room)
    let i = 0
    const timer = setInterval(() => {
      for (let k = 0; k < args.perSlice && i < args.messages.length; k++) bc.postMessage(new Uint8Array(args.messages[i++]))
      if (i >= args.messages.length) {
        clearInterval(timer)
        resolve(Date.now())
      }
    }, 10)
  })

/** In the measured page: the time its text first reached `length`, and each counter change. */
const watchHook = (length: number) => {
  const w = window as unknown as { __full: number | null; __counter: number[] }
  w.__full = null
  w.__counter = []
  const poll = () => {
    const ta = document.querySelector('textarea')
    if (ta !== null && ta.value.length >= length && w.__full === null) w.__full = Date.now()
    const out = document.querySelector('output.counter-value')
    if (out !== null && !(out as unknown as { __watched?: boolean }).__watched) {
      ;(out as unknown as { __watched?: boolean }).__watched = true
      new MutationObserver(() => w.__counter.push(Date.now())).observe(out, { childList: true, subtree: true, characterData: true })
    }
    if (w.__full === null) requestAnimationFrame(poll)
  }
  requestAnimationFrame(poll)
}

interface Run {
  clicks: number[]
  catchUp: number
}

const run = async (path: string, messages: number[][], clicking: boolean): Promise<Run> => {
  const room = `flood-${Date.now().toString(36)}`
  const context = await browser.newContext()
  const flooder = await context.newPage()
  await flooder.goto(`${ROOT}/app/favicon.svg`)
  const page: Page = await context.newPage()
  await page.addInitScript(watchHook, messages.length)
  await page.goto(`${ROOT}${path}?signaling=&room=${room}`)
  await page.getByLabel('Shared text').waitFor()
  await page.bringToFront()
  await page.waitForTimeout(500)
  const clicks: number[] = []
  if (clicking) await page.getByRole('button', { name: '+1' }).scrollIntoViewIfNeeded()
  const plus = clicking ? await page.getByRole('button', { name: '+1' }).boundingBox() : null
  const lastPost = flooder.evaluate(flood, { room, messages, perSlice: RATE / 100 })
  if (plus !== null) {
    for (let s = 0; s < SECONDS; s++) {
      await new Promise((r) => setTimeout(r, 900))
      const seen = await page.evaluate(() => (window as unknown as { __counter: number[] }).__counter.length).catch(() => 0)
      const t0 = Date.now()
      await page.mouse.click(plus.x + plus.width / 2, plus.y + plus.height / 2)
      // The answer: the counter's next change after the click, read once the page can say.
      for (;;) {
        const changes = await page.evaluate(() => (window as unknown as { __counter: number[] }).__counter)
        if (changes.length > seen) {
          clicks.push(changes[seen] - t0)
          break
        }
        if (Date.now() - t0 > 20_000) {
          clicks.push(20_000)
          break
        }
        await new Promise((r) => setTimeout(r, 20))
      }
    }
  }
  const end = await lastPost
  await page.waitForFunction(() => (window as unknown as { __full: number | null }).__full !== null, undefined, { timeout: 120_000, polling: 200 })
  const full = await page.evaluate(() => (window as unknown as { __full: number }).__full)
  await context.close()
  return { clicks, catchUp: Math.max(0, full - end) }
}

test('a flood of 1,000 one-character updates a second for 10 s', async () => {
  const messages = floodMessages()
  const ours: Run[] = []
  const bare: Run[] = []
  for (let r = 0; r < ROUNDS; r++) {
    ours.push(await run('/app/', messages, true))
    bare.push(await run('/bare/', messages, false))
  }
  const clicks = ours.flatMap((o) => o.clicks)
  const catchUp = median(ours.map((o) => o.catchUp))
  const bareCatchUp = median(bare.map((o) => o.catchUp))
  console.log({ clicks, ours: ours.map((o) => o.catchUp), bare: bare.map((o) => o.catchUp) })
  record(import.meta.filename, [
    { name: 'flood.click_answer.p50_ms', value: median(clicks), unit: 'ms', goal: '<= 200' },
    { name: 'flood.click_answer.p95_ms', value: percentile(clicks, 95), unit: 'ms', goal: null },
    { name: 'flood.click_answer.max_ms', value: Math.max(...clicks), unit: 'ms', goal: null },
    { name: 'flood.catch_up_ms', value: catchUp, unit: 'ms', goal: '<= 2000' },
    { name: 'flood.bare_catch_up_ms', value: bareCatchUp, unit: 'ms', goal: null },
    { name: 'flood.catch_up_ratio_vs_bare', value: catchUp / Math.max(1, bareCatchUp), unit: 'x', goal: null },
  ])
})
