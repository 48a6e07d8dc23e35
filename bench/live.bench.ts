// Live room benchmarks, in real Chromium, side by side in one run:
// - keystroke in tab A → text in tab B's DOM over BroadcastChannel, ours vs a bare Yjs + y-webrtc page;
// - JavaScript (gzipped) loaded on a first visit to the live room.
import { gzipSync } from 'node:zlib'
import type { Browser } from '@playwright/test'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildSite, serveAndLaunch, viteBuild } from './browserBench'
import { median, percentile, record } from './record'

const CHARS = 150
const ROUNDS = 3
let ROOT = ''
let browser: Browser
let stop: () => Promise<void> = async () => {}

beforeAll(async () => {
  buildSite('app')
  viteBuild(['--config', 'bench/vite.bare.config.ts'])
  ;({ root: ROOT, browser, stop } = await serveAndLaunch(Number(process.env.BENCH_LIVE_PORT ?? 4190)))
})

afterAll(async () => {
  await stop()
})

/** Records, in the receiving page, when the textarea's value is set and how long it then is. */
const receiverHook = () => {
  const w = window as unknown as { __sets: Array<[number, number]> }
  w.__sets = []
  const desc = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!
  Object.defineProperty(HTMLTextAreaElement.prototype, 'value', {
    get() {
      return desc.get!.call(this)
    },
    set(v: string) {
      desc.set!.call(this, v)
      w.__sets.push([performance.timeOrigin + performance.now(), v.length])
    },
    configurable: true,
  })
}

/** Records, in the typing page, when each key went down. */
const senderHook = () => {
  const w = window as unknown as { __keys: number[] }
  w.__keys = []
  window.addEventListener('keydown', () => w.__keys.push(performance.timeOrigin + performance.now()), true)
}

/** Latencies (ms) of CHARS keystrokes typed in A, seen in B's textarea. */
const measure = async (path: string, room: string): Promise<number[]> => {
  const context = await browser.newContext()
  const a = await context.newPage()
  const b = await context.newPage()
  await a.addInitScript(senderHook)
  await b.addInitScript(receiverHook)
  await a.goto(`${ROOT}${path}?signaling=&room=${room}`)
  await b.goto(`${ROOT}${path}?signaling=&room=${room}`)
  const ta = a.getByLabel('Shared text')
  const tb = b.getByLabel('Shared text')
  await ta.click()
  // Warm up until the two tabs see each other.
  await expect.poll(async () => {
    await a.keyboard.type('.')
    return (await tb.inputValue()).length > 0
  }, { timeout: 15_000, interval: 200 }).toBe(true)
  await a.waitForTimeout(300)
  const base = (await ta.inputValue()).length
  await a.evaluate(() => {
    ;(window as unknown as { __keys: number[] }).__keys = []
  })
  await b.evaluate(() => {
    ;(window as unknown as { __sets: unknown[] }).__sets = []
  })
  for (let i = 0; i < CHARS; i++) {
    await a.keyboard.type(String.fromCharCode(97 + (i % 26)))
    await a.waitForTimeout(15)
  }
  await expect.poll(async () => (await tb.inputValue()).length, { timeout: 15_000 }).toBe(base + CHARS)
  const keys = await a.evaluate(() => (window as unknown as { __keys: number[] }).__keys)
  const sets = await b.evaluate(() => (window as unknown as { __sets: Array<[number, number]> }).__sets)
  await context.close()
  const out: number[] = []
  for (let i = 0; i < CHARS; i++) {
    const hit = sets.find(([, len]) => len >= base + i + 1)
    if (hit !== undefined && keys[i] !== undefined) out.push(hit[0] - keys[i])
  }
  return out
}

test('keystroke to the other tab, ours vs bare, and first-visit JavaScript', async () => {
  const ours: number[] = []
  const bare: number[] = []
  const oursMedians: number[] = []
  const bareMedians: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    const o = await measure('/app/', `bench-ours-${r}-${Date.now()}`)
    const b = await measure('/bare/', `bench-bare-${r}-${Date.now()}`)
    ours.push(...o)
    bare.push(...b)
    oursMedians.push(median(o))
    bareMedians.push(median(b))
    console.log(`round ${r}: ours p50 ${median(o).toFixed(2)} ms, bare p50 ${median(b).toFixed(2)} ms`)
  }
  const p50 = median(ours)
  const bareP50 = median(bare)

  // JavaScript loaded on a first visit to the live room, gzipped as a static host would serve it.
  const context = await browser.newContext()
  const page = await context.newPage()
  const scripts: Buffer[] = []
  page.on('response', async (res) => {
    if (res.url().endsWith('.js')) scripts.push(await res.body())
  })
  await page.goto(`${ROOT}/app/?signaling=&room=bench-size-${Date.now()}`)
  await page.getByLabel('Shared text').waitFor()
  await page.waitForTimeout(500)
  await context.close()
  const gzKb = scripts.reduce((s, b) => s + gzipSync(b, { level: 9 }).byteLength, 0) / 1024

  record(import.meta.filename, [
    { name: 'live.keystroke.p50_ms', value: p50, unit: 'ms', goal: '<= 16.7' },
    { name: 'live.keystroke.p95_ms', value: percentile(ours, 95), unit: 'ms', goal: null },
    { name: 'live.keystroke.bare_p50_ms', value: bareP50, unit: 'ms', goal: null },
    { name: 'live.keystroke.bare_p95_ms', value: percentile(bare, 95), unit: 'ms', goal: null },
    { name: 'live.keystroke.ratio_vs_bare', value: p50 / bareP50, unit: 'x', goal: '<= 1.5' },
    { name: 'live.keystroke.excess_over_1.5x_bare_ms', value: p50 - 1.5 * bareP50, unit: 'ms', goal: '<= 1' },
    { name: 'live.first_visit_js_gzip_kb', value: gzKb, unit: 'KiB', goal: '<= 150' },
  ])
  expect(ours.length).toBeGreaterThan(CHARS * ROUNDS * 0.9)
})
