// A static file server with no SPA fallback, like GitHub Pages: serves DIR under the path PREFIX.
// Anything else is a 404. Usage: node scripts/serveStatic.mjs DIR PREFIX PORT
import { createReadStream, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize, resolve } from 'node:path'
import { CONTENT_TYPES } from '../server/contentTypes.mjs'

const [dir = 'dist', prefix = '/', port = '4173'] = process.argv.slice(2)
const root = resolve(dir)
const base = prefix.endsWith('/') ? prefix : `${prefix}/`

createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
  if (!path.startsWith(base)) {
    res.writeHead(404).end('not found')
    return
  }
  let file = normalize(join(root, path.slice(base.length)))
  if (!file.startsWith(root)) {
    res.writeHead(403).end('forbidden')
    return
  }
  try {
    if (statSync(file).isDirectory()) file = join(file, 'index.html')
    statSync(file)
  } catch {
    res.writeHead(404).end('not found')
    return
  }
  res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' })
  createReadStream(file).pipe(res)
}).listen(Number(port), '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}${base}`))
