// Large documents over WebRTC: time for a 1 MB and a 5 MB document to reach a fresh browser
// context (its own BroadcastChannel, so only WebRTC), from opening its page to the full text
// in its document. Chunked at the replica boundary (src/net/peerChunking.ts).
import { type ChildProcess, spawn } from 'node:child_process'
import type { Browser } from '@playwright/test'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildSite, serveAndLaunch } from './browserBench'
import { median, record } from './record'

const PORT = 5240
const SIGNALING_PORT = 5246
const SIGNALING = `ws://127.0.0.1:${SIGNALING_PORT}`
const ROUNDS = 3
let ROOT = ''
let browser: Browser
let stop: () => Promise<void> = async () => {}
let signaling: ChildProcess | null = null

beforeAll(async () => {
  buildSite('persist-app')
  signaling = spawn(process.execPath, ['node_modules/.bin/y-webrtc-signaling'], { env: { ...process.env, PORT: String(SIGNALING_PORT) }, stdio: 'ignore' })
  ;({ root: ROOT, browser, stop } = await serveAndLaunch(PORT, ['--allow-loopback-in-peer-connection']))
  ROOT = `${ROOT}/persist-app/`
})

afterAll(async () => {
  await stop()
  signaling?.kill()
})

/** Milliseconds from opening a fresh context's page to its document holding all `bytes` characters. */
const timeToFresh = async (bytes: number, round: number): Promise<number> => {
  const room = `bench-large-${bytes}-${round}-${Date.now()}`
  const url = `${ROOT}?room=${room}&signaling=${encodeURIComponent(SIGNALING)}`
  const ctxA = await browser.newContext({ permissions: ['camera', 'microphone'] })
  const a = await ctxA.newPage()
  await a.goto(url)
  await a.waitForFunction(() => (window as any).aprime?.doc !== undefined)
  await a.evaluate((n) => {
    const parts: string[] = []
    for (let i = 0; parts.length * 1000 < n; i++) parts.push(`${i.toString(36)}:`.padEnd(1000, String.fromCharCode(97 + (i % 26))))
    ;(window as any).aprime.doc.getText('text').insert(0, parts.join('').slice(0, n))
  }, bytes)
  const ctxB = await browser.newContext({ permissions: ['camera', 'microphone'] })
  const b = await ctxB.newPage()
  const t0 = Date.now()
  await b.goto(url)
  await b.waitForFunction((n) => (window as any).aprime?.doc.getText('text').length === n, bytes, { timeout: 60_000, polling: 20 })
  const ms = Date.now() - t0
  await ctxA.close()
  await ctxB.close()
  return ms
}

test('1 MB and 5 MB documents reach a fresh browser context over WebRTC', { timeout: 600_000 }, async () => {
  const out: Record<number, number[]> = { 1_000_000: [], 5_000_000: [] }
  for (let r = 0; r < ROUNDS; r++) {
    for (const n of [1_000_000, 5_000_000]) {
      const ms = await timeToFresh(n, r)
      out[n].push(ms)
      console.log(`round ${r}: ${n / 1e6} MB reached a fresh context in ${ms} ms`)
    }
  }
  record(import.meta.filename, [
    { name: 'live.webrtc.fresh_context_1mb_ms', value: median(out[1_000_000]), unit: 'ms', goal: null },
    { name: 'live.webrtc.fresh_context_5mb_ms', value: median(out[5_000_000]), unit: 'ms', goal: null },
  ])
  expect(out[5_000_000]).toHaveLength(ROUNDS)
})
