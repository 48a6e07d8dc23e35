// The relay alone, driven by simulated clients: Node WebSocket clients speaking its protocol, no
// browsers. One room; every client publishes a 100-byte update (base64, as replicas send them)
// once a second, staggered. Measures fan-out latency (publish → each other client has it) and
// the relay process's CPU per published message, for 30, 100 and 300 clients.
import { type ChildProcess, spawn } from 'node:child_process'
import { afterAll, expect, test } from 'vitest'
import WebSocket from 'ws'
import { median, percentile, record } from './record'

const PORT = 5240
const URL = `ws://127.0.0.1:${PORT}`
const TOPIC = 'aprime-relay:bench'
const SECONDS = 10
const results: Parameters<typeof record>[1] = []
let server: ChildProcess | null = null

afterAll(() => {
  record(import.meta.filename, results)
  server?.kill()
})

const status = async (): Promise<{ messages: number; delivered: number; cpuMicros: { user: number; system: number } }> =>
  (await fetch(`http://127.0.0.1:${PORT}/relay/status`)).json()

const startRelay = async () => {
  server = spawn(process.execPath, ['scripts/relay.mjs'], { env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1' }, stdio: 'ignore' })
  for (let i = 0; i < 50; i++) {
    try {
      await status()
      return
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  throw new Error('the relay did not start')
}

const run = async (n: number) => {
  const latencies: number[] = []
  const clients: WebSocket[] = []
  let measuring = false
  for (let i = 0; i < n; i++) {
    const ws = new WebSocket(URL)
    await new Promise((r) => ws.once('open', r))
    ws.send(JSON.stringify({ type: 'subscribe', topics: [TOPIC] }))
    ws.on('message', (d) => {
      const m = JSON.parse(String(d))
      if (measuring && m.type === 'publish') latencies.push(Date.now() - m.data.t)
    })
    clients.push(ws)
  }
  await new Promise((r) => setTimeout(r, 500))
  const payload = Buffer.alloc(100, 7).toString('base64')
  const timers: Array<ReturnType<typeof setInterval>> = []
  const before = await status()
  measuring = true
  clients.forEach((ws, i) => {
    setTimeout(() => {
      const send = () => ws.send(JSON.stringify({ type: 'publish', topic: TOPIC, from: i + 1, data: { p: `peer-${i}`, m: payload, t: Date.now() } }))
      send()
      timers.push(setInterval(send, 1000))
    }, (i * 1000) / n)
  })
  await new Promise((r) => setTimeout(r, SECONDS * 1000))
  for (const t of timers) clearInterval(t)
  await new Promise((r) => setTimeout(r, 500))
  measuring = false
  const after = await status()
  for (const ws of clients) ws.close()
  const published = after.messages - before.messages
  const delivered = after.delivered - before.delivered
  const cpu = after.cpuMicros.user + after.cpuMicros.system - before.cpuMicros.user - before.cpuMicros.system
  return { latencies, published, delivered, cpuPerMessageUs: cpu / published, cpuPerDeliveryUs: cpu / delivered, cpuShare: cpu / 1e6 / (SECONDS + 0.5) }
}

test('relay fan-out for 30, 100 and 300 clients in one room', async () => {
  await startRelay()
  for (const n of [30, 100, 300]) {
    const r = await run(n)
    const p50 = median(r.latencies)
    const p99 = percentile(r.latencies, 99)
    console.log(
      `${n} clients: ${r.published} published, ${r.delivered} delivered; fan-out p50 ${p50} ms, p99 ${p99} ms; relay CPU ${r.cpuPerMessageUs.toFixed(0)} µs per published message (${r.cpuPerDeliveryUs.toFixed(1)} µs per delivery), ${(r.cpuShare * 100).toFixed(0)}% of a core`,
    )
    results.push({ name: `relay.fanout.p50_ms.${n}`, value: p50, unit: 'ms', goal: null })
    results.push({ name: `relay.fanout.p99_ms.${n}`, value: p99, unit: 'ms', goal: n === 100 ? '<= 50' : null })
    results.push({ name: `relay.cpu_per_message_us.${n}`, value: r.cpuPerMessageUs, unit: 'µs', goal: null })
    results.push({ name: `relay.cpu_core_share.${n}`, value: r.cpuShare, unit: 'cores', goal: null })
    expect(r.delivered).toBe(r.published * (n - 1))
  }
})
