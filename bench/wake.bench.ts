// A phone that sleeps: a page through the relay is paused (no code runs) and taken offline for
// 60 s while another page edits; then it wakes. Measures the time from waking to the edit in its
// document, for a sleep with the network gone (context offline) and for a frozen page alone.
import type { Browser } from '@playwright/test'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startClassServer } from '../server/classServer.mjs'
import { buildSite, launchChromium } from './browserBench'
import { median, record } from './record'

const PORT = 5270
const RELAY_PORT = 5271
const SLEEP_MS = 60_000
const results: Parameters<typeof record>[1] = []
let browser: Browser
let relay: Awaited<ReturnType<typeof startClassServer>>
let pageServer: Awaited<ReturnType<typeof startClassServer>>

beforeAll(async () => {
  buildSite('wake')
  relay = await startClassServer({ port: RELAY_PORT, host: '127.0.0.1', dist: 'bench/dist/wake' })
  pageServer = await startClassServer({ port: PORT, host: '127.0.0.1', dist: 'bench/dist/wake' })
  browser = await launchChromium()
})

afterAll(async () => {
  record(import.meta.filename, results)
  await browser?.close()
  await relay?.close()
  await pageServer?.close()
})

const sleepAndWake = async (offline: boolean): Promise<number> => {
  const room = `bench-wake-${Date.now().toString(36)}`
  const url = `http://127.0.0.1:${PORT}/?room=${room}&signaling=&relay=${encodeURIComponent(`ws://127.0.0.1:${RELAY_PORT}`)}`
  const [ca, cb] = [await browser.newContext(), await browser.newContext()]
  const a = await ca.newPage()
  const b = await cb.newPage()
  for (const p of [a, b]) {
    await p.goto(url)
    await p.waitForFunction(() => (window as any).aprime?.doc !== undefined)
  }
  await a.evaluate(() => (window as any).aprime.doc.getText('text').insert(0, 'awake '))
  await b.waitForFunction(() => (window as any).aprime.doc.getText('text').toString().includes('awake'), null, { timeout: 20_000 })
  const cdp = await cb.newCDPSession(b)
  await cdp.send('Debugger.enable')
  await cdp.send('Debugger.pause')
  if (offline) await cb.setOffline(true)
  await a.evaluate(() => (window as any).aprime.doc.getText('text').insert(0, 'while you slept '))
  await new Promise((r) => setTimeout(r, SLEEP_MS))
  if (offline) await cb.setOffline(false)
  const woke = Date.now()
  await cdp.send('Debugger.resume')
  await b.waitForFunction(() => (window as any).aprime.doc.getText('text').toString().includes('while you slept'), null, { timeout: 60_000, polling: 20 })
  const ms = Date.now() - woke
  await ca.close()
  await cb.close()
  return ms
}

test('a page asleep for 60 s catches up after waking', async () => {
  for (const offline of [true, false]) {
    const runs = [await sleepAndWake(offline), await sleepAndWake(offline)]
    const name = offline ? 'offline' : 'frozen'
    console.log(`asleep 60 s (${offline ? 'paused and offline' : 'paused, network kept'}): caught up ${runs.join(', ')} ms after waking`)
    results.push({ name: `wake.${name}_60s.catch_up_ms`, value: median(runs), unit: 'ms', goal: '<= 2000' })
    expect(runs.every(Number.isFinite)).toBe(true)
  }
})
