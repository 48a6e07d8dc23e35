import { type ChildProcess, spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { CONTENT_TYPES } from '../../server/contentTypes.mjs'

// The servers a cross-engine spec needs, started by the spec itself (so that, run inside a private
// network namespace, they live there too) and stopped by it.

export const BASE = '/aprime/'
/** Fixed ports of this suite (46xx: clear of the Playwright suite's and of `npm start`'s). */
export const SITE_PORT = Number(process.env.ENGINES_PORT ?? 4616)
export const SIGNALING_PORT = Number(process.env.ENGINES_SIGNALING_PORT ?? 4617)
export const SITE_URL = `http://127.0.0.1:${SITE_PORT}${BASE}`
export const SIGNALING_URL = `ws://127.0.0.1:${SIGNALING_PORT}`

/**
 * Installed first in every HTML page served: records uncaught errors and unhandled rejections in
 * `window.__pageErrors`, from the page's first script on. WebKitWebDriver (classic WebDriver) has
 * no event for page errors, so every engine is watched the same way.
 */
const ERROR_RECORDER =
  '<script>window.__pageErrors=[];' +
  "addEventListener('error',function(e){__pageErrors.push(String(e.message||e.error||e))});" +
  "addEventListener('unhandledrejection',function(e){var r=e.reason;__pageErrors.push('unhandled rejection: '+String(r&&r.message||r))})" +
  '</script>'

/** The class server's content types (one list for every server of the build). */
const TYPES: Record<string, string> = CONTENT_TYPES

/** Path of a test page that shows `?src=URL` in a 390 × 844 frame: a phone's viewport in any engine (WebKitGTK's window cannot be made that narrow). */
export const PHONE_FRAME = `${BASE}engines-phone-frame.html`
const PHONE_FRAME_HTML =
  `<!doctype html><html><head>${ERROR_RECORDER}<style>body{margin:0}iframe{border:0;width:390px;height:844px;display:block}</style></head>` +
  "<body><iframe title=\"phone\"></iframe><script>document.querySelector('iframe').src=new URLSearchParams(location.search).get('src')</script></body></html>"

/**
 * Serves the production build (`dist/`, built with BASE=/aprime/) from /aprime/ as GitHub Pages
 * would: files only, no SPA fallback. Two additions: the error recorder in HTML pages, and PHONE_FRAME.
 */
export const serveSite = async (root = 'dist', port = SITE_PORT): Promise<{ close: () => Promise<void> }> => {
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    if (!path.startsWith(BASE)) return void res.writeHead(404).end('not found')
    if (path === PHONE_FRAME) return void res.writeHead(200, { 'content-type': TYPES['.html'] }).end(PHONE_FRAME_HTML)
    let rel = normalize(path.slice(BASE.length))
    if (rel.startsWith('..')) return void res.writeHead(404).end('not found')
    if (rel === '.' || rel === '' || rel.endsWith('/')) rel = join(rel, 'index.html')
    try {
      let body: Buffer | string = await readFile(join(root, rel))
      const type = TYPES[extname(rel)] ?? 'application/octet-stream'
      if (type.startsWith('text/html')) body = body.toString('utf8').replace('<head>', `<head>${ERROR_RECORDER}`)
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body)
    } catch {
      res.writeHead(404).end('not found')
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Resolves once `url` answers (any status), or rejects after `timeout` ms. */
export const waitForHttp = async (url: string, timeout = 15_000): Promise<void> => {
  const until = Date.now() + timeout
  for (;;) {
    try {
      await fetch(url)
      return
    } catch (e) {
      if (Date.now() > until) throw new Error(`${url} did not answer within ${timeout} ms: ${e}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}

const children = new Set<ChildProcess>()
/** Spawns a helper process with stdio 'ignore' (an inherited pipe can keep a shell waiting after we exit); killed at exit. */
export const spawnQuiet = (command: string, args: string[], env: Record<string, string> = {}): ChildProcess => {
  const child = spawn(command, args, { stdio: 'ignore', env: { ...process.env, ...env } })
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}
/** Stops a child and waits for it to exit (SIGKILL after 3 s). */
export const stopChild = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
  await exited
  clearTimeout(timer)
}
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL')
})

/** y-webrtc's own signaling server (node_modules/.bin/y-webrtc-signaling), on SIGNALING_PORT. */
export const startSignaling = async (port = SIGNALING_PORT): Promise<{ close: () => Promise<void> }> => {
  const child = spawnQuiet(process.execPath, ['node_modules/.bin/y-webrtc-signaling'], { PORT: String(port) })
  await waitForHttp(`http://127.0.0.1:${port}`)
  return { close: () => stopChild(child) }
}
