// Reload to the restored text on screen, for the 260k-edit trace's document (automerge-paper,
// ~390 KB with gc off) saved on this device: the room's y-indexeddb database holds its state,
// the page is reloaded, and the page itself records (every animation frame, from navigation
// start) when the text area first shows the whole text, and when the replica runs (the text
// editable). The page paints the room from its saved preview before rebuilding the document; the
// preview is rewritten once the room has saved itself, so each reload waits for that (as a person
// does not reload within the first second of a load). Same browser profile, median of reloads.
import type { Browser, Page } from '@playwright/test'
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
  const w = window as unknown as { __shown: number | null; __ready: number | null; aprime?: unknown }
  w.__shown = null
  w.__ready = null
  const tick = () => {
    const ta = document.querySelector('textarea')
    const full = ta !== null && ta.value.length === length
    if (full && w.__shown === null) requestAnimationFrame(() => (w.__shown ??= performance.now()))
    if (full && !ta.readOnly && w.aprime !== undefined) requestAnimationFrame(() => (w.__ready = performance.now()))
    else requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
}

type Watched = { __shown: number | null; __ready: number | null; aprime?: { safety: { store: { getState(): { saved: { state: string } } } } } }

/** Waits until the page has both figures, and its room is saved on this device again (so its preview is written). */
const settled = async (page: Page): Promise<{ shown: number; ready: number }> => {
  await page.waitForFunction(
    () => {
      const w = window as unknown as Watched
      return w.__ready !== null && w.aprime?.safety.store.getState().saved.state === 'saved'
    },
    null,
    { timeout: 30_000 },
  )
  await page.waitForTimeout(300)
  return page.evaluate(() => {
    const w = window as unknown as Watched
    return { shown: w.__shown!, ready: w.__ready! }
  })
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
  const ready: number[] = []
  const empty: number[] = []
  const emptyReady: number[] = []
  // Side by side: the same page reloaded in a room with nothing saved (what a reload costs anyway).
  const blank = await context.newPage()
  await blank.addInitScript(watchText, 0)
  await blank.goto(`${ROOT}?room=${room}-blank&signaling=`)
  await page.goto(`${ROOT}?room=${room}&signaling=`)
  for (let i = 0; i <= RELOADS; i++) {
    if (i > 0) await page.reload()
    const ms = await settled(page)
    console.log(`${i === 0 ? 'first load' : `reload ${i}`}: text on screen ${ms.shown.toFixed(0)} ms after navigation start, replica running ${ms.ready.toFixed(0)} ms`)
    if (i > 0) {
      times.push(ms.shown)
      ready.push(ms.ready)
    }
    await blank.reload()
    const b = await settled(blank)
    if (i > 0) {
      empty.push(b.shown)
      emptyReady.push(b.ready)
    }
  }
  console.log(`empty room reloads: text ${empty.map((x) => x.toFixed(0)).join(', ')} ms; running ${emptyReady.map((x) => x.toFixed(0)).join(', ')} ms`)
  await context.close()
  record(import.meta.filename, [
    { name: 'live.reload.paper_text_on_screen_ms', value: median(times), unit: 'ms', goal: '<= 300' },
    { name: 'live.reload.empty_text_on_screen_ms', value: median(empty), unit: 'ms', goal: null },
    { name: 'live.reload.paper_over_empty_ms', value: median(times) - median(empty), unit: 'ms', goal: null },
    { name: 'live.reload.paper_replica_running_ms', value: median(ready), unit: 'ms', goal: null },
    { name: 'live.reload.empty_replica_running_ms', value: median(emptyReady), unit: 'ms', goal: null },
    { name: 'live.reload.paper_state_kb', value: state.byteLength / 1024, unit: 'KiB', goal: null },
  ])
  expect(times).toHaveLength(RELOADS)
})
