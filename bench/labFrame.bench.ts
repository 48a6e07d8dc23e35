// The lab's work per animation frame, in real Chromium, with 8 replicas while the 260k-edit
// automerge-paper trace is typed. Measured in the page: the lab's frame callback (advancing the
// simulation / typing a chunk of the trace, projecting into the store, drawing the canvases)
// plus the React commit it causes (app/lab/FrameStats), and long tasks (> 50 ms) from a
// PerformanceObserver. Then the same with 32 replicas running the random workload (timeline
// checkpoints on, as always).
import { join } from 'node:path'
import type { Browser } from '@playwright/test'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildSite, serveAndLaunch } from './browserBench'
import { median, percentile, record } from './record'

const REPLICAS = 8
const TRACE = join(import.meta.dirname, '..', 'test', 'fixtures', 'automerge-paper.json.gz')
let ROOT = ''
let browser: Browser
let stop: () => Promise<void> = async () => {}

beforeAll(async () => {
  buildSite('lab')
  ;({ root: ROOT, browser, stop } = await serveAndLaunch(Number(process.env.BENCH_LAB_PORT ?? 5250)))
})

afterAll(async () => {
  await stop()
})

/** Long tasks seen by the page, from a buffered PerformanceObserver installed before any script runs. */
const longTaskHook = () => {
  const w = window as unknown as { __longTasks: Array<[number, number]> }
  w.__longTasks = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push([e.startTime, e.duration])
  }).observe({ type: 'longtask', buffered: true })
}

interface LabWindow {
  aprimeLab: {
    frameStats: { values(): number[]; reset(): void; parts(): { sim: number; publish: number; commit: number }; count: number }
    store: { getState(): { trace: { phase: string; applied: number; total: number } | null } }
  }
  __longTasks: Array<[number, number]>
}

test('lab frame work while automerge-paper is typed on 8 replicas', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.addInitScript(longTaskHook)
  await page.goto(`${ROOT}/lab/?view=lab&replicas=${REPLICAS}`)
  await page.getByRole('article', { name: 'Replica A', exact: true }).waitFor()
  await page.getByLabel(/Import trace/).setInputFiles(TRACE)

  // Reading (in a worker) and rebuilding come first; measure from the first frame that types.
  await page.waitForFunction(() => (window as unknown as LabWindow).aprimeLab.store.getState().trace?.phase === 'typing', null, { timeout: 60_000, polling: 5 })
  const startedAt = await page.evaluate(() => {
    const w = window as unknown as LabWindow
    w.aprimeLab.frameStats.reset()
    return performance.now()
  })
  await page.waitForFunction(() => (window as unknown as LabWindow).aprimeLab.store.getState().trace?.phase !== 'typing', null, {
    timeout: 150_000,
    polling: 250,
  })
  const result = await page.evaluate((t0) => {
    const w = window as unknown as LabWindow
    const s = w.aprimeLab.store.getState()
    return {
      phase: s.trace?.phase,
      applied: s.trace?.applied ?? 0,
      total: s.trace?.total ?? 0,
      seconds: (performance.now() - t0) / 1000,
      frames: w.aprimeLab.frameStats.values(),
      parts: w.aprimeLab.frameStats.parts(),
      longTasks: w.__longTasks.filter(([start]) => start >= t0),
      texts: [...document.querySelectorAll('textarea[aria-label="Shared text"]')].length,
    }
  }, startedAt)
  await page.close()

  const frames = result.frames
  const p50 = median(frames)
  const p95 = percentile(frames, 95)
  const longMs = result.longTasks.reduce((s, [, d]) => s + d, 0)
  console.log(
    `typed ${result.applied}/${result.total} edits on ${REPLICAS} replicas in ${result.seconds.toFixed(1)} s, ${frames.length} frames ` +
      `(${(frames.length / result.seconds).toFixed(0)} fps); work per frame p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${Math.max(...frames).toFixed(1)} ms; ` +
      `mean parts: sim ${result.parts.sim.toFixed(2)}, publish ${result.parts.publish.toFixed(2)}, commit ${result.parts.commit.toFixed(2)} ms; ` +
      `${result.longTasks.length} long tasks (${longMs.toFixed(0)} ms)`,
  )
  record(import.meta.filename, [
    { name: 'lab.frame.work_ms.p50', value: p50, unit: 'ms', goal: '<= 4' },
    { name: 'lab.frame.work_ms.p95', value: p95, unit: 'ms', goal: null },
    { name: 'lab.frame.fps_while_typing', value: frames.length / result.seconds, unit: 'frames/s', goal: null },
    { name: 'lab.trace.automerge_typing_s', value: result.seconds, unit: 's', goal: null },
    { name: 'lab.frame.long_tasks', value: result.longTasks.length, unit: 'tasks > 50 ms', goal: null },
  ])
  expect(errors).toEqual([])
  expect(result.phase).toBe('done')
  expect(result.applied).toBe(result.total)
  expect(frames.length).toBeGreaterThan(100)
})

test('lab frame work with 32 replicas running the random workload', async () => {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.addInitScript(longTaskHook)
  await page.goto(`${ROOT}/lab/?view=lab&replicas=32`)
  await page.getByRole('article', { name: 'Replica A', exact: true }).waitFor()
  await page.getByLabel('Speed').selectOption('1')
  await page.getByRole('button', { name: 'Start workload' }).click()
  // Let the documents grow a little, then measure 20 s of wall time.
  await page.waitForTimeout(3000)
  const startedAt = await page.evaluate(() => {
    ;(window as unknown as LabWindow).aprimeLab.frameStats.reset()
    return performance.now()
  })
  await page.waitForTimeout(20_000)
  const result = await page.evaluate((t0) => {
    const w = window as unknown as LabWindow & { aprimeLab: { sim(): { eventsRun: number; replicas: unknown[] }; timeline(): { current: { checkpoints: unknown[] } } } }
    return {
      seconds: (performance.now() - t0) / 1000,
      frames: w.aprimeLab.frameStats.values(),
      parts: w.aprimeLab.frameStats.parts(),
      longTasks: w.__longTasks.filter(([start]) => start >= t0),
      events: w.aprimeLab.sim().eventsRun,
      replicas: w.aprimeLab.sim().replicas.length,
      checkpoints: w.aprimeLab.timeline().current.checkpoints.length,
    }
  }, startedAt)
  await page.close()
  const frames = result.frames
  const p50 = median(frames)
  const p95 = percentile(frames, 95)
  console.log(
    `${result.replicas} replicas, random workload: ${frames.length} frames in ${result.seconds.toFixed(1)} s (${(frames.length / result.seconds).toFixed(0)} fps), ` +
      `${result.events} events, ${result.checkpoints} checkpoints; work per frame p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${Math.max(...frames).toFixed(1)} ms; ` +
      `mean parts: sim ${result.parts.sim.toFixed(2)}, publish ${result.parts.publish.toFixed(2)}, commit ${result.parts.commit.toFixed(2)} ms; ${result.longTasks.length} long tasks`,
  )
  record(`${import.meta.filename.replace(/\.bench\.ts$/, '')}32.bench.ts`, [
    { name: 'lab.frame32.work_ms.p50', value: p50, unit: 'ms', goal: '<= 4' },
    { name: 'lab.frame32.work_ms.p95', value: p95, unit: 'ms', goal: null },
    { name: 'lab.frame32.fps', value: frames.length / result.seconds, unit: 'frames/s', goal: null },
    { name: 'lab.frame32.long_tasks', value: result.longTasks.length, unit: 'tasks > 50 ms', goal: null },
  ])
  expect(errors).toEqual([])
  expect(result.replicas).toBe(32)
  expect(frames.length).toBeGreaterThan(100)
})
