import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startClassServer } from '../../server/classServer.mjs'
import { ShortLinks } from '../../server/ShortLinks.mjs'

type Server = Awaited<ReturnType<typeof startClassServer>>
const servers: Server[] = []
const sockets: WebSocket[] = []
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate()
  for (const s of servers.splice(0)) await s.close()
})

const serve = async (limits: object = {}, now?: () => number): Promise<Server> => {
  const s = await startClassServer({ port: 0, host: '127.0.0.1', dist: null, limits, now })
  servers.push(s)
  return s
}

/** A client of the relay that keeps what it hears. */
const client = async (server: Server) => {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}`)
  sockets.push(ws)
  const heard: any[] = []
  const closed: { code: number | null } = { code: null }
  ws.on('message', (d) => heard.push(JSON.parse(String(d))))
  ws.on('close', (code) => {
    closed.code = code
  })
  await new Promise((r) => ws.once('open', r))
  return { ws, heard, closed, send: (m: unknown) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)) }
}

const settle = () => new Promise((r) => setTimeout(r, 100))

describe('the class server as signaling server and relay', () => {
  it('forwards a publish to the topic subscribers but the sender, as y-webrtc signaling expects', async () => {
    const s = await serve()
    const [a, b, c] = await Promise.all([client(s), client(s), client(s)])
    for (const x of [a, b]) x.send({ type: 'subscribe', topics: ['room-1'] })
    c.send({ type: 'subscribe', topics: ['room-2'] })
    await settle()
    a.send({ type: 'publish', topic: 'room-1', data: { type: 'announce', from: 'peer-a' } })
    await settle()
    expect(b.heard).toEqual([{ type: 'publish', topic: 'room-1', data: { type: 'announce', from: 'peer-a' } }])
    expect(a.heard).toEqual([])
    expect(c.heard).toEqual([])
    a.send({ type: 'ping' })
    await settle()
    expect(a.heard).toEqual([{ type: 'pong' }])
  })

  it('delivers a message addressed `to` a known sender to that client alone', async () => {
    const s = await serve()
    const [a, b, c] = await Promise.all([client(s), client(s), client(s)])
    for (const x of [a, b, c]) x.send({ type: 'subscribe', topics: ['t'] })
    await settle()
    b.send({ type: 'publish', topic: 't', from: 2, data: 'hello from b' })
    await settle()
    a.send({ type: 'publish', topic: 't', from: 1, to: 2, data: 'for b' })
    await settle()
    expect(b.heard.map((m) => m.data)).toEqual(['for b'])
    expect(c.heard.map((m) => m.data)).toEqual(['hello from b'])
  })

  it('refuses what is not JSON, too large, or over the topics cap, with a reason, and keeps serving', async () => {
    const s = await serve({ maxMessageBytes: 1000, topicsPerClient: 2 })
    const a = await client(s)
    const b = await client(s)
    b.send({ type: 'subscribe', topics: ['t'] })
    a.send('{not json')
    await settle()
    a.send({ type: 'publish', topic: 't', data: 'x'.repeat(2000) })
    await settle()
    a.send({ type: 'subscribe', topics: ['r1', 'r2', 'r3'] })
    await settle()
    const reasons = a.heard.filter((m) => m.type === 'refused').map((m) => m.reason)
    expect(reasons.length).toBeGreaterThanOrEqual(1)
    expect(reasons[0]).toBe('a message that is not JSON')
    expect(b.heard).toEqual([])
    expect(s.hub.summary().refused).toBe(3)
    expect(s.hub.summary().topics).toBe(3)
    a.send({ type: 'publish', topic: 't', data: 'small' })
    await settle()
    expect(b.heard.map((m) => m.data)).toEqual(['small'])
  })

  it('bounds a flood from one client: the rest is dropped, and a client that keeps flooding is disconnected', async () => {
    let now = 0
    const s = await serve({ messagesPerSecond: 10, messageBurst: 20, floodCloseAfterMs: 1000 }, () => now)
    const a = await client(s)
    const b = await client(s)
    b.send({ type: 'subscribe', topics: ['t'] })
    await settle()
    for (let i = 0; i < 100; i++) a.send({ type: 'publish', topic: 't', data: i })
    await settle()
    expect(b.heard.length).toBe(20)
    expect(a.heard.filter((m) => m.type === 'refused')).toHaveLength(1)
    // The flood goes on: a few get through as the bucket refills, the rest are refused, every half second.
    for (now = 500; now <= 2000; now += 500) {
      for (let i = 0; i < 30; i++) a.send({ type: 'publish', topic: 't', data: i })
      await settle()
    }
    await settle()
    expect(a.closed.code).toBe(1008)
    expect(s.hub.summary().closedForFlooding).toBe(1)
  })

  it('short links: the same link gets the same short code; only paths on this server; unknown codes are 404', async () => {
    const links = new ShortLinks(2)
    const a = links.add('/?room=r&teacher=abc')
    expect(a).toEqual({ code: expect.stringMatching(/^[a-z2-9]{4}$/) })
    expect(links.add('/?room=r&teacher=abc')).toEqual(a)
    expect(links.add('https://elsewhere.example/')).toEqual({ error: 'a short link must point to a page on this server' })
    expect(links.add('//elsewhere.example/')).toHaveProperty('error')
    const s = await serve()
    const made = await fetch(`http://127.0.0.1:${s.port}/j`, { method: 'POST', body: '/?room=r' }).then((r) => r.json())
    expect(made.path).toMatch(/^\/j\/[a-z2-9]{4}$/)
    const go = await fetch(`http://127.0.0.1:${s.port}${made.path}`, { redirect: 'manual' })
    expect(go.status).toBe(302)
    expect(go.headers.get('location')).toBe('/?room=r')
    expect((await fetch(`http://127.0.0.1:${s.port}/j/zzzz`)).status).toBe(404)
  })
})
