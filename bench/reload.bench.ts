// Reload to the restored text on screen, for the 260k-edit trace's document (automerge-paper,
// ~390 KB with gc off) saved on this device: the room's y-indexeddb database holds its state,
// the page is reloaded, and the page itself records (every animation frame, from navigation
// start) when the text area first shows the whole text. Same browser profile, median of reloads.
import type { Browser } from '@playwright/test'
import { afterAll, beforeAll, expect, test } from 'vitest'
import * as Y from 'yjs'
import { loadTrace } from '../test/sim/helpers'
import { buildSite, serveAndLaunch } from './browserBench'
import { median, record } from './record'

const PORT = Number(process.env.BENCH_RELOAD_PORT ?? 5243)
const RELOADS = 7
let ROOT = ''
let browser: Browser
let stop: () => Promise<void> = async () => {}

beforeAll(async () => {
  buildSite('persist-app')
  ;({ root: ROOT, browser, stop } = await serveAndLaunch(PORT))
  ROOT = `${ROOT}/persist-app/`
})

afterAll(async () => {
  await stop()
})

const paper = (): { state: Uint8Array; length: number } => {
  const trace = loadTrace('automerge-paper.json.gz')
  const doc = new Y.Doc({ gc: false })
  const text = doc.getText('text')
  for (const txn of trace.txns) {
    for (const [pos, del, ins] of txn.patches) {
      if (del > 0) text.delete(pos, del)
      if (ins !== '') text.insert(pos, ins)
    }
  }
  return { state: Y.encodeStateAsUpdate(doc), length: text.length }
}

/**
 * In the page: the time (ms since navigation start) of the first animation frame after the one in
 * which the text area first held `length` characters (so that frame's own work and its paint count).
 */
const watchText = (length: number) => {
  const w = window as unknown as { __shown: number | null }
  w.__shown = null
  const tick = () => {
    const ta = document.querySelector('textarea')
    if (ta !== null && ta.value.length === length) requestAnimationFrame(() => (w.__shown = performance.now()))
    else requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
}

test('reload to restored text, 260k-edit document', async () => {
  const { state, length } = paper()
  const room = `bench-reload-${Date.now()}`
  const context = await browser.newContext()
  const page = await context.newPage()
  // Any page of the origin, to write the room's database as y-indexeddb would have saved it.
  await page.goto(`${ROOT}?room=${room}-origin&signaling=`)
  await page.evaluate(
    ({ name, bytes }) =>
      new Promise<void>((resolve, reject) => {
        const r = indexedDB.open(name, 1)
        r.onupgradeneeded = () => {
          r.result.createObjectStore('updates', { autoIncrement: true })
          r.result.createObjectStore('custom')
        }
        r.onsuccess = () => {
          const tx = r.result.transaction(['updates', 'custom'], 'readwrite')
          tx.objectStore('updates').add(new Uint8Array(bytes))
          tx.objectStore('custom').put(1, 'aprime-schema')
          tx.oncomplete = () => {
            r.result.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    { name: room, bytes: Array.from(state) },
  )
  await page.addInitScript(watchText, length)
  const times: number[] = []
  const empty: number[] = []
  // Side by side: the same page reloaded in a room with nothing saved (what a reload costs anyway).
  const blank = await context.newPage()
  await blank.addInitScript(watchText, 0)
  await blank.goto(`${ROOT}?room=${room}-blank&signaling=`)
  await page.goto(`${ROOT}?room=${room}&signaling=`)
  for (let i = 0; i <= RELOADS; i++) {
    if (i > 0) await page.reload()
    await page.waitForFunction(() => (window as unknown as { __shown: number | null }).__shown !== null, null, { timeout: 30_000 })
    const ms = await page.evaluate(() => (window as unknown as { __shown: number }).__shown)
    console.log(`${i === 0 ? 'first load' : `reload ${i}`}: text on screen ${ms.toFixed(0)} ms after navigation start`)
    if (i > 0) times.push(ms)
    await page.waitForTimeout(300)
    await blank.reload()
    await blank.waitForFunction(() => (window as unknown as { __shown: number | null }).__shown !== null, null, { timeout: 30_000 })
    if (i > 0) empty.push(await blank.evaluate(() => (window as unknown as { __shown: number }).__shown))
  }
  console.log(`empty room reloads: ${empty.map((x) => x.toFixed(0)).join(', ')} ms`)
  await context.close()
  record(import.meta.filename, [
    { name: 'live.reload.paper_text_on_screen_ms', value: median(times), unit: 'ms', goal: '<= 300' },
    { name: 'live.reload.empty_text_on_screen_ms', value: median(empty), unit: 'ms', goal: null },
    { name: 'live.reload.paper_over_empty_ms', value: median(times) - median(empty), unit: 'ms', goal: null },
    { name: 'live.reload.paper_state_kb', value: state.byteLength / 1024, unit: 'KiB', goal: null },
  ])
  expect(times).toHaveLength(RELOADS)
})
