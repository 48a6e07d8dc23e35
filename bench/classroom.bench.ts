// The classroom in real Chromium: pages over several browser contexts, real WebRTC through the
// real y-webrtc signaling server. Measures the time from Heal to the wall's room-wide "A = A′"
// (4, 8, 16 pages), an insert's time to reach every one of 16 pages, and the presenter's work
// per animation frame with 40 tiles. The same class of 16 is also measured isolated: every page
// in a browser context of its own (no BroadcastChannel) with no signaling server (no WebRTC), so
// that pages reach each other only through the relay, as on Wi-Fi that isolates its clients.
import { type ChildProcess, spawn } from 'node:child_process'
import type { Browser, BrowserContext, Page } from '@playwright/test'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startClassServer } from '../server/classServer.mjs'
import { buildSite, launchChromium } from './browserBench'
import { median, percentile, record } from './record'

const PORT = 5230
const SIGNALING_PORT = 5236
const SIGNALING = `ws://127.0.0.1:${SIGNALING_PORT}`
const RELAY_PORT = 5237
const RELAY = `ws://127.0.0.1:${RELAY_PORT}`
/** How pages find each other: direct (y-webrtc signaling, WebRTC and BroadcastChannel) or only through the relay. */
const DIRECT = `signaling=${encodeURIComponent(SIGNALING)}&relay=`
const RELAY_ONLY = `signaling=&relay=${encodeURIComponent(RELAY)}`
let relay: Awaited<ReturnType<typeof startClassServer>>
const ROOT = `http://127.0.0.1:${PORT}/classroom/`
const CYCLES = 3
let browser: Browser
const procs: ChildProcess[] = []
const results: Parameters<typeof record>[1] = []

beforeAll(async () => {
  buildSite('classroom')
  procs.push(spawn(process.execPath, ['scripts/serveStatic.mjs', 'bench/dist', '/', String(PORT)], { stdio: 'ignore' }))
  procs.push(spawn(process.execPath, ['node_modules/.bin/y-webrtc-signaling'], { stdio: 'ignore', env: { ...process.env, PORT: String(SIGNALING_PORT) } }))
  relay = await startClassServer({ port: RELAY_PORT, host: '127.0.0.1', dist: null })
  await new Promise((r) => setTimeout(r, 800))
  browser = await launchChromium(['--allow-loopback-in-peer-connection'])
})

afterAll(async () => {
  record(import.meta.filename, results)
  await browser?.close()
  for (const p of procs) p.kill()
  await relay?.close()
})

const waitFor = async (page: Page, fn: string, timeout = 60_000) => page.waitForFunction(fn, null, { timeout, polling: 100 })

/** A class of `n` pages (the presenter first) over `contexts` browser contexts. */
const openClass = async (n: number, contexts: number, reach = DIRECT) => {
  const ctx: BrowserContext[] = []
  // Students at a phone's size (390×844): 16 pages painting at desktop size would measure this
  // machine's software rasterizer more than the room.
  for (let i = 0; i < contexts; i++) ctx.push(await browser.newContext({ permissions: ['camera', 'microphone'], viewport: { width: 390, height: 844 } }))
  const room = `bench-class-${n}-${Date.now().toString(36)}`
  const presenter = await ctx[0].newPage()
  await presenter.setViewportSize({ width: 1280, height: 800 })
  await presenter.goto(`${ROOT}?view=present&room=${room}&${reach}`)
  await waitFor(presenter, '(window.aprimePresent?.store.getState().studentLink ?? "").includes("teacher=")')
  const link = await presenter.evaluate(() => (window as any).aprimePresent.store.getState().studentLink as string)
  const students: Page[] = []
  for (let i = 1; i < n; i++) {
    const p = await ctx[i % contexts].newPage()
    await p.goto(link)
    await waitFor(p, 'window.aprime?.doc !== undefined')
    students.push(p)
  }
  await waitFor(presenter, `(() => { const s = window.aprimePresent.store.getState(); return s.tiles.filter(t => t.presence === 'here').length === ${n} && s.verdict.kind === 'equal' })()`, 90_000)
  return { presenter, students, all: [presenter, ...students], close: () => Promise.all(ctx.map((c) => c.close())) }
}

/** Split, one edit on each side, wait until the wall shows the difference; then Heal, timed in the presenter's page. */
const splitEditHeal = async (presenter: Page, all: Page[], cycle: number) => {
  await presenter.evaluate(() => (window as any).aprimePresent.store.getState().actions.splitInTwo())
  const groups: number[][] = await presenter.evaluate(() => (window as any).aprimePresent.store.getState().policy.groups)
  await waitFor(presenter, `window.aprimePresent.store.getState().tiles.every(t => t.following)`)
  const ids = await Promise.all(all.map((p) => p.evaluate(() => (window as any).aprime.doc.clientID as number)))
  for (const g of [0, 1]) {
    const writer = all[ids.findIndex((id) => groups[g].includes(id))]
    await writer.evaluate((t) => (window as any).aprime.doc.getText('text').insert(0, t), `cycle ${cycle} group ${g}. `)
  }
  // Each group agrees inside itself and the two differ: the wall says "2 groups: A = A′ inside each; group 1 ≠ group 2".
  await waitFor(presenter, `(() => { const v = window.aprimePresent.store.getState().verdict; return v.kind === 'groups' && v.headline.includes('≠') })()`)
  await new Promise((r) => setTimeout(r, 1500))
  return presenter.evaluate(
    () =>
      new Promise<{ equal: number; applied: number }>((resolve) => {
        const w = window as any
        const app = w.aprimePresent
        const t0 = performance.now()
        let applied: number | null = null
        let version = 0
        // "Reconnected": every replica says in awareness that it follows the Heal's version.
        const check = () => {
          if (version === 0) return
          if (applied === null && [...w.aprime.awareness.getStates().values()].every((st: any) => st.network?.version === version))
            applied = performance.now() - t0
          const s = app.store.getState()
          if (applied !== null && s.verdict.kind === 'equal' && s.tiles.every((t: any) => t.following)) {
            unsubscribe()
            w.aprime.awareness.off('change', check)
            resolve({ equal: performance.now() - t0, applied })
          }
        }
        const unsubscribe = app.store.subscribe(check)
        w.aprime.awareness.on('change', check)
        app.store.getState().actions.heal()
        version = app.store.getState().policy.version
        check()
      }),
  )
}

/** Inserts one character every `everyMs` on `sender`; returns, per insert, the time until the last page had it. */
const keystrokes = async (sender: Page, all: Page[], count: number, everyMs: number): Promise<number[]> => {
  const base = await sender.evaluate(() => (window as any).aprime.doc.getText('text').length as number)
  await Promise.all(
    all.map((p) =>
      p.evaluate((base) => {
        const w = window as any
        const text = w.aprime.doc.getText('text')
        w.__arrivals = []
        text.observe(() => {
          while (w.__arrivals.length < text.length - base) w.__arrivals.push(performance.timeOrigin + performance.now())
        })
      }, base),
    ),
  )
  const sent: number[] = await sender.evaluate(
    ({ count, everyMs }) =>
      new Promise<number[]>((resolve) => {
        const text = (window as any).aprime.doc.getText('text')
        const out: number[] = []
        const one = () => {
          out.push(performance.timeOrigin + performance.now())
          text.insert(text.length, 'k')
          if (out.length < count) setTimeout(one, everyMs)
          else resolve(out)
        }
        one()
      }),
    { count, everyMs },
  )
  await new Promise((r) => setTimeout(r, 10_000))
  const arrivals = await Promise.all(all.filter((p) => p !== sender).map((p) => p.evaluate(() => (window as any).__arrivals as number[])))
  return sent.map((t, i) => Math.max(...arrivals.map((a) => (a[i] ?? Number.POSITIVE_INFINITY) - t)))
}

for (const [n, contexts, reach] of [
  [4, 2, DIRECT],
  [8, 4, DIRECT],
  [16, 4, DIRECT],
  [16, 16, RELAY_ONLY],
] as const) {
  const isolated = reach === RELAY_ONLY
  const tag = isolated ? 'classroom.relay' : 'classroom'
  test(`Heal → room-wide A = A′ with ${n} pages over ${contexts} contexts${isolated ? ', isolated: only through the relay' : ''}`, async () => {
    const room = await openClass(n, contexts, reach)
    const runs: Array<{ equal: number; applied: number }> = []
    for (let c = 0; c < CYCLES; c++) runs.push(await splitEditHeal(room.presenter, room.all, c))
    const equal = median(runs.map((r) => r.equal))
    const after = median(runs.map((r) => r.equal - r.applied))
    console.log(`${n} pages${isolated ? ' (isolated, relay)' : ''}: Heal → A = A′ ${runs.map((r) => r.equal.toFixed(0)).join(', ')} ms; after the last page applied Heal: ${runs.map((r) => (r.equal - r.applied).toFixed(0)).join(', ')} ms`)
    results.push({ name: `${tag}.heal_to_equal_ms.${n}`, value: equal, unit: 'ms', goal: isolated ? '<= 2000' : null })
    results.push({ name: `${tag}.heal_after_last_reconnect_ms.${n}`, value: after, unit: 'ms', goal: n === 16 && !isolated ? '<= 2000' : null })
    if (n === 16) {
      const lags = await keystrokes(room.students[4], room.all, 40, 200)
      console.log(`16 pages${isolated ? ' (isolated, relay)' : ''}: insert → every page p50 ${median(lags).toFixed(1)} ms, p95 ${percentile(lags, 95).toFixed(1)} ms`)
      expect(lags.every(Number.isFinite)).toBe(true)
      results.push({ name: `${tag}.keystroke_every_page.p50_ms.16`, value: median(lags), unit: 'ms', goal: isolated ? '<= 300' : null })
      results.push({ name: `${tag}.keystroke_every_page.p95_ms.16`, value: percentile(lags, 95), unit: 'ms', goal: null })
    }
    await room.close()
    expect(runs).toHaveLength(CYCLES)
  })
}

/** Times every animation frame's callbacks, plus the microtasks they queue (React's commit), per frame. */
const frameHook = () => {
  const w = window as any
  w.__frames = new Map<number, number>()
  const raf = window.requestAnimationFrame.bind(window)
  window.requestAnimationFrame = (cb) =>
    raf((ts) => {
      const t0 = performance.now()
      cb(ts)
      queueMicrotask(() => w.__frames.set(ts, (w.__frames.get(ts) ?? 0) + performance.now() - t0))
    })
}

test('presenter work per animation frame with 40 tiles while replicas change', async () => {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
  await page.addInitScript(frameHook)
  await page.goto(`${ROOT}?view=present&room=bench-frame-${Date.now().toString(36)}&signaling=`)
  await waitFor(page, 'window.aprimePresent !== undefined')
  // 39 replicas in the presenter's awareness, as if they had joined; 8 of them change state every 100 ms (typing).
  const frames: number[] = await page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const w = window as any
        const a = w.aprime.awareness
        const code = w.aprime.store.getState().self.code
        const ids = Array.from({ length: 39 }, (_, i) => 1000 + i * 7919)
        let tick = 0
        const put = (id: number, k: number) => {
          a.states.set(id, {
            user: { name: `Student ${id % 1000}`, color: '#2563eb' },
            replica: { clientID: id, code, digest: `d${(id * 31 + k) % 9973}`.padEnd(64, '0'), sv: { [id]: k, 42: tick }, pending: false, waitingOn: {}, peerId: `p${id}` },
            network: { version: null },
          })
          a.meta.set(id, { clock: k, lastUpdated: Date.now() })
        }
        for (const id of ids) put(id, 0)
        a.emit('change', [{ added: ids, updated: [], removed: [] }, 'bench'])
        const timer = setInterval(() => {
          tick++
          const changed = ids.filter((_, i) => (i + tick) % 5 === 0)
          for (const id of ids) a.meta.set(id, { clock: tick, lastUpdated: Date.now() })
          for (const id of changed) put(id, tick)
          a.emit('change', [{ added: [], updated: changed, removed: [] }, 'bench'])
        }, 100)
        setTimeout(() => {
          w.__frames.clear()
          setTimeout(() => {
            clearInterval(timer)
            resolve([...w.__frames.values()])
          }, 10_000)
        }, 2000)
      }),
  )
  const tiles = await page.getByTestId('tile').count()
  const scrolls = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight)
  await page.screenshot({ path: '/tmp/shots-classroom/present-40.png' })
  await page.close()
  const p50 = median(frames)
  console.log(`40 tiles (${tiles} shown, page scrolls: ${scrolls}): ${frames.length} frames in 10 s, work p50 ${p50.toFixed(2)} ms, p95 ${percentile(frames, 95).toFixed(2)} ms`)
  results.push({ name: 'classroom.present_frame.work_ms.p50', value: p50, unit: 'ms', goal: '<= 4' })
  results.push({ name: 'classroom.present_frame.work_ms.p95', value: percentile(frames, 95), unit: 'ms', goal: null })
  expect(tiles).toBe(40)
  expect(scrolls).toBe(false)
})
