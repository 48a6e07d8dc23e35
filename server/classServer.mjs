// The laptop's server for a class: the production build, the signaling server and the relay on
// one port, plus short join links. `npm start` runs it on the LAN; `npm run relay` runs it with no
// page (signaling and relay only), for hosting next to a static build.
import { createReadStream, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { WebSocketServer } from 'ws'
import { CONTENT_TYPES as TYPES } from './contentTypes.mjs'
import { RelayHub } from './RelayHub.mjs'
import { ShortLinks } from './ShortLinks.mjs'

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt', '.webmanifest'])

/**
 * @param {{ port: number, host?: string, dist?: string | null, limits?: object, now?: () => number }} opts
 * @returns {Promise<{ port: number, hub: RelayHub, links: ShortLinks, close: () => Promise<void> }>}
 */
export const startClassServer = (opts) => {
  const hub = new RelayHub(opts.limits, opts.now)
  const links = new ShortLinks()
  const root = opts.dist ? resolve(opts.dist) : null
  /** Compressed files, kept: the build does not change while it is served. */
  const gzipped = new Map()

  const serveFile = (req, res, path) => {
    if (root === null) return res.writeHead(200, { 'content-type': 'text/plain' }).end('okay')
    let file = normalize(join(root, path))
    if (!file.startsWith(root)) return res.writeHead(403).end('forbidden')
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html')
      statSync(file)
    } catch {
      return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
    }
    const ext = extname(file)
    const headers = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      // Vite names built assets by content hash: a phone keeps them; the page itself is always asked again.
      'cache-control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    }
    if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      let body = gzipped.get(file)
      if (body === undefined) {
        body = gzipSync(readFileSync(file))
        gzipped.set(file, body)
      }
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': body.length, vary: 'accept-encoding' })
      return res.end(req.method === 'HEAD' ? undefined : body)
    }
    res.writeHead(200, headers)
    if (req.method === 'HEAD') return res.end()
    createReadStream(file).pipe(res)
  }

  const server = createServer((req, res) => {
    let url
    try {
      url = new URL(req.url ?? '/', 'http://x')
    } catch {
      return res.writeHead(400).end('bad request')
    }
    const path = decodeURIComponent(url.pathname)
    if (path === '/relay/status') {
      return res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(JSON.stringify({ ...hub.summary(), cpuMicros: process.cpuUsage() }))
    }
    if (path === '/j' && req.method === 'POST') {
      let body = ''
      req.setEncoding('utf8')
      req.on('data', (c) => {
        body += c
        if (body.length > 4096) req.destroy()
      })
      req.on('end', () => {
        const r = links.add(body)
        res.writeHead('code' in r ? 200 : 400, { 'content-type': 'application/json' }).end(JSON.stringify('code' in r ? { path: `/j/${r.code}` } : r))
      })
      return
    }
    const short = /^\/j\/([a-z0-9]{4,12})$/i.exec(path)
    if (short !== null && req.method === 'GET') {
      const target = links.get(short[1])
      if (target === null)
        return res
          .writeHead(404, { 'content-type': 'text/html; charset=utf-8' })
          .end('<!doctype html><meta name=viewport content="width=device-width"><p style="font:20px system-ui">This short link is not known here (the teacher’s wall makes it; is the wall open?). Scan the QR code on the wall instead.</p>')
      return res.writeHead(302, { location: target, 'cache-control': 'no-store' }).end()
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return res.writeHead(405).end('method not allowed')
    serveFile(req, res, path)
  })

  const wss = new WebSocketServer({ noServer: true, maxPayload: hub.limits.maxMessageBytes * 4 })
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => hub.connect(ws)))

  return new Promise((resolveStart, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => {
      const address = server.address()
      resolveStart({
        port: typeof address === 'object' && address !== null ? address.port : opts.port,
        hub,
        links,
        close: () =>
          new Promise((done) => {
            hub.destroy()
            wss.close()
            server.closeAllConnections?.()
            server.close(() => done())
          }),
      })
    })
  })
}
