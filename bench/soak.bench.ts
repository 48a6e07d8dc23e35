// A class under load for 10 minutes (SOAK_MINUTES to change it), in real Chromium: 8 live pages
// of one room (one browser context, BroadcastChannel), each writing 5 updates a second, and a
// plain peer adding 200 one-character updates a second. Every minute each page is measured after
// a forced GC (CDP): JS event listeners, heap used, and the bytes of its room's journal in
// localStorage. Beside them, the control: the bare Yjs + y-webrtc page (bench/bare/, keeping
// deleted content like the live room) in the same room, receiving the same updates; its heap is
// what the document itself costs. Budgets: what the last minute holds against the first, our
// heap's growth against the control's, and ceilings (listeners, journal, our heap beyond the control's).
import * as encoding from 'lib0/encoding'
import type { Browser, CDPSession, Page } from '@playwright/test'
import { afterAll, beforeAll, test } from 'vitest'
import * as Y from 'yjs'
import { buildSite, serveAndLaunch, viteBuild } from './browserBench'
import { median, record } from './record'

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10)
const PAGES = 8
const FLOOD_PER_S = 200
let ROOT = ''
let browser: Browser
let stop: () => Promise<void> = async () => {}

beforeAll(async () => {
  buildSite('app')
  viteBuild(['--config', 'bench/vite.bare.config.ts'])
  ;({ root: ROOT, browser, stop } = await serveAndLaunch(Number(process.env.BENCH_SOAK_PORT ?? process.env.BENCH_LIVE_PORT ?? 4192), [
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
    '--disable-backgrounding-occluded-windows',
  ]))
})

afterAll(async () => {
  await stop()
})

/** What each page's copy on this device said at the last sample ("saved", "loading"…), for the log. */
const saved: string[] = []
/** Each page's view of the room's journal keys per tab ("tab:keys …"), for the log. */
const keys: string[] = []

interface Sample {
  listeners: number
  heapMb: number
  journalKb: number
  /** Seconds of main-thread tasks since the page opened (CDP TaskDuration). */
  busyS: number
  /** Milliseconds a read-only IndexedDB transaction on the room's rows took to complete (it waits behind every write). */
  idbMs: number
}

const sample = async (page: Page, cdp: CDPSession, room: string): Promise<Sample> => {
  await cdp.send('HeapProfiler.collectGarbage')
  const { metrics } = await cdp.send('Performance.getMetrics')
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0
  const journal = await page.evaluate((prefix) => {
    const live = (window as unknown as { aprime: { safety: { store: { getState(): { saved: { state: string } } } } } }).aprime
    ;(window as unknown as { __saved: string }).__saved = live.safety.store.getState().saved.state
    let n = 0
    const tabs = new Map<string, number>()
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i) ?? ''
      if (!k.startsWith(prefix)) continue
      n += (localStorage.getItem(k) ?? '').length
      const tab = k.slice(prefix.length).split('/')[0].slice(0, 4)
      tabs.set(tab, (tabs.get(tab) ?? 0) + 1)
    }
    ;(window as unknown as { __keys: string }).__keys = [...tabs].map(([t, c]) => `${t}:${c}`).join(' ')
    return n
  }, `aprime.journal/${room}/`)
  keys.push(await page.evaluate(() => (window as unknown as { __keys: string }).__keys))
  const idbMs = await page.evaluate(
    (name) =>
      new Promise<number>((resolve) => {
        const t0 = performance.now()
        const open = indexedDB.open(name)
        open.onsuccess = () => {
          const db = open.result
          const tx = db.transaction(['updates'], 'readonly')
          tx.objectStore('updates').get(-1)
          tx.oncomplete = () => {
            db.close()
            resolve(performance.now() - t0)
          }
        }
        open.onerror = () => resolve(-1)
      }),
    room,
  )
  saved.push(await page.evaluate(() => (window as unknown as { __saved: string }).__saved))
  return { listeners: metric('JSEventListeners'), heapMb: metric('JSHeapUsedSize') / 2 ** 20, journalKb: journal / 1024, busyS: metric('TaskDuration'), idbMs }
}

/** In the flooding page: one-character updates of its own writer, FLOOD_PER_S a second, until stopped. */
const floodForever = (args: { room: string; messages: number[][]; perSlice: number }) => {
  const bc = new BroadcastChannel(args.room)
  let i = 0
  setInterval(() => {
    for (let k = 0; k < args.perSlice; k++) bc.postMessage(new Uint8Array(args.messages[i++ % args.messages.length]))
  }, 10)
}

test(`8 pages under load for ${MINUTES} minutes`, async () => {
  const room = `soak-${Date.now().toString(36)}`
  const context = await browser.newContext()
  const flooder = await context.newPage()
  await flooder.goto(`${ROOT}/app/favicon.svg`)
  const pages: Array<{ page: Page; cdp: CDPSession }> = []
  for (let i = 0; i < PAGES; i++) {
    const page = await context.newPage()
    await page.goto(`${ROOT}/app/?signaling=&room=${room}`)
    await page.getByLabel('Shared text').waitFor()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable')
    pages.push({ page, cdp })
  }
  // Each page writes 5 updates a second (the counter and a character at the end of the text).
  for (const { page } of pages)
    await page.evaluate(() => {
      const doc = (window as unknown as { aprime: { doc: Y.Doc } }).aprime.doc
      let n = 0
      setInterval(() => {
        const text = doc.getText('text')
        if (n++ % 2 === 0) text.insert(text.length, '.')
        else doc.getMap('counter').set(String(doc.clientID), n)
        // Bounded text: the document stays small (the room held about 60 KB).
        if (text.length > 20_000) text.delete(0, 1000)
      }, 200)
    })
  // The flood: 2,000 distinct updates of one writer, replayed (duplicates are no-ops to integrate, not to carry).
  const w = new Y.Doc()
  const messages: number[][] = []
  w.on('update', (u: Uint8Array) => {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint(e, 2)
    encoding.writeVarUint8Array(e, u)
    messages.push(Array.from(encoding.toUint8Array(e)))
  })
  for (let i = 0; i < 2000; i++) w.getText('text').insert(0, 'f')
  await flooder.evaluate(floodForever, { room, messages, perSlice: FLOOD_PER_S / 100 })

  // The control: a bare page in the same room and browser context (BroadcastChannel), which joins
  // once the writers run and holds what they and the flood write, with no more than Yjs + y-webrtc.
  const bare = await context.newPage()
  await bare.goto(`${ROOT}/bare/?gc=0&room=${room}`)
  const bareCdp = await context.newCDPSession(bare)
  await bareCdp.send('Performance.enable')
  const bareHeap = async (): Promise<number> => {
    await bareCdp.send('HeapProfiler.collectGarbage')
    const { metrics } = await bareCdp.send('Performance.getMetrics')
    return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20
  }

  const minutes: Sample[][] = []
  let busyBefore: number[] = pages.map(() => 0)
  let sampledAt = performance.now()
  const bareMb: number[] = []
  for (let m = 0; m <= MINUTES; m++) {
    if (m > 0) await new Promise((r) => setTimeout(r, 60_000))
    const s: Sample[] = []
    for (const { page, cdp } of pages) s.push(await sample(page, cdp, room))
    minutes.push(s)
    bareMb.push(await bareHeap())
    const docStructs = await pages[0].page.evaluate(() => {
      const live = (window as unknown as { aprime: { doc: Y.Doc } }).aprime
      let items = 0
      for (const structs of live.doc.store.clients.values()) items += structs.length
      return items
    })
    console.log(`minute ${m}:`, JSON.stringify({ docStructs, saved: saved.splice(0), journalKeys: keys.splice(0).slice(0, 1), listeners: s.map((x) => x.listeners), heapMb: s.map((x) => +x.heapMb.toFixed(1)), bareHeapMb: +bareMb[m].toFixed(1), journalKb: s.map((x) => +x.journalKb.toFixed(1)), busyPct: s.map((x, i) => Math.round(((x.busyS - busyBefore[i]) / ((performance.now() - sampledAt) / 1000)) * 100)), idbMs: s.map((x) => Math.round(x.idbMs)) }))
    busyBefore = s.map((x) => x.busyS)
    sampledAt = performance.now()
  }
  await context.close()
  const first = minutes[1] ?? minutes[0]
  const last = minutes[minutes.length - 1]
  const bareFirst = bareMb[1] ?? bareMb[0]
  const bareLast = bareMb[bareMb.length - 1]
  const at = (s: Sample[], k: keyof Sample) => median(s.map((x) => x[k]))
  const max = (s: Sample[], k: keyof Sample) => Math.max(...s.map((x) => x[k]))
  record(import.meta.filename, [
    { name: 'soak.listeners.first_minute', value: at(first, 'listeners'), unit: 'listeners', goal: null },
    { name: 'soak.listeners.last_minute', value: at(last, 'listeners'), unit: 'listeners', goal: '<= 1500' },
    { name: 'soak.listeners.max', value: max(last, 'listeners'), unit: 'listeners', goal: '<= 2000' },
    { name: 'soak.listeners.growth_ratio', value: at(last, 'listeners') / Math.max(1, at(first, 'listeners')), unit: 'x', goal: '<= 1.5' },
    { name: 'soak.heap_mb.first_minute', value: at(first, 'heapMb'), unit: 'MB', goal: null },
    // No ceiling on the whole heap: it holds the document, which itself grows (the bare page's heap).
    { name: 'soak.heap_mb.last_minute', value: at(last, 'heapMb'), unit: 'MB', goal: null },
    // What the page costs beyond the document: code, React, the 1,000 remembered transactions, 20 versions.
    { name: 'soak.heap_mb.beyond_bare.first_minute', value: at(first, 'heapMb') - bareFirst, unit: 'MB', goal: null },
    { name: 'soak.heap_mb.beyond_bare.last_minute', value: at(last, 'heapMb') - bareLast, unit: 'MB', goal: '<= 6' },
    { name: 'soak.heap.growth_ratio', value: at(last, 'heapMb') / Math.max(0.001, at(first, 'heapMb')), unit: 'x', goal: null },
    { name: 'soak.bare_heap_mb.first_minute', value: bareFirst, unit: 'MB', goal: null },
    { name: 'soak.bare_heap_mb.last_minute', value: bareLast, unit: 'MB', goal: null },
    // What our page grows beyond what the document itself costs (the bare page's growth).
    { name: 'soak.heap_mb.growth_beyond_bare', value: at(last, 'heapMb') - at(first, 'heapMb') - (bareLast - bareFirst), unit: 'MB', goal: '<= 2' },
    { name: 'soak.journal_kb.last_minute', value: at(last, 'journalKb'), unit: 'KiB', goal: '<= 256' },
  ])
})
