// A phone joining the class through the teacher's laptop: `npm start` (the production build,
// compressed, from the class server) next to `npm run dev` (the Vite dev server), in a fresh
// browser context at 4× CPU throttling. Counts requests and bytes on the wire, and the time
// from navigation to a shared text that takes input. Medians of 5 joins each.
import { type ChildProcess, spawn } from 'node:child_process'
import type { Browser } from '@playwright/test'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { launchChromium } from './browserBench'
import { median, record } from './record'

const START_PORT = 5260
const DEV_PORT = 5262
const DEV_SIGNALING_PORT = 5263
const JOINS = 5
const results: Parameters<typeof record>[1] = []
const procs: ChildProcess[] = []
let browser: Browser

/** Starts a script and resolves once its output says it is ready. */
const startScript = (script: string, env: Record<string, string>, ready: RegExp): Promise<void> =>
  new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    procs.push(p)
    let out = ''
    const timer = setTimeout(() => reject(new Error(`${script} not ready:\n${out}`)), 120_000)
    const on = (c: Buffer) => {
      out += String(c)
      if (ready.test(out)) {
        clearTimeout(timer)
        resolve()
      }
    }
    p.stdout?.on('data', on)
    p.stderr?.on('data', on)
  })

beforeAll(async () => {
  await startScript('scripts/start.mjs', { PORT: String(START_PORT), CLASS_BUILD_DIR: 'bench/dist/class' }, /is running for your class/)
  await startScript('scripts/dev.mjs', { PORT: String(DEV_PORT), SIGNALING_PORT: String(DEV_SIGNALING_PORT), NODE_ENV: 'development' }, /ready in/)
  browser = await launchChromium()
})

afterAll(async () => {
  record(import.meta.filename, results)
  await browser?.close()
  for (const p of procs) p.kill('SIGTERM')
})

const join = async (port: number) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  await cdp.send('Network.enable')
  let requests = 0
  let bytes = 0
  cdp.on('Network.requestWillBeSent', () => requests++)
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength
  })
  await page.goto(`http://127.0.0.1:${port}/?room=bench-join-${Date.now().toString(36)}`)
  const editableMs = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const check = () => {
          const ta = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Shared text"]')
          if ((window as any).aprime?.doc !== undefined && ta !== null && !ta.readOnly && !ta.disabled) resolve(performance.now())
          else requestAnimationFrame(check)
        }
        check()
      }),
  )
  // What the page fetches once it is up (the WebRTC code at idle) counts too: a phone loads it.
  await page.waitForTimeout(2500)
  await context.close()
  return { requests, bytes, editableMs }
}

test('a phone joins through npm start (production build) and through the dev server', async () => {
  for (const [name, port] of [
    ['start', START_PORT],
    ['dev', DEV_PORT],
  ] as const) {
    await join(port) // warm: the dev server compiles modules on first request
    const runs = []
    for (let i = 0; i < JOINS; i++) runs.push(await join(port))
    const requests = median(runs.map((r) => r.requests))
    const kb = median(runs.map((r) => r.bytes)) / 1024
    const editable = median(runs.map((r) => r.editableMs))
    console.log(`join through ${name === 'start' ? 'npm start' : 'npm run dev'}: ${requests} requests, ${kb.toFixed(0)} KB, text editable after ${editable.toFixed(0)} ms (4× CPU throttling; runs ${runs.map((r) => r.editableMs.toFixed(0)).join(', ')})`)
    results.push({ name: `join.${name}.requests`, value: requests, unit: 'requests', goal: name === 'start' ? '<= 15' : null })
    results.push({ name: `join.${name}.kilobytes`, value: kb, unit: 'KB', goal: name === 'start' ? '<= 600' : null })
    results.push({ name: `join.${name}.editable_ms`, value: editable, unit: 'ms', goal: name === 'start' ? '<= 1500' : null })
    expect(runs.every((r) => r.requests > 0)).toBe(true)
  }
})
