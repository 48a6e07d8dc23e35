// npm start: the classroom server. Builds the production page once (again only when the code
// changed), then serves it to the LAN with the signaling server and the relay on one port, and
// prints the addresses and a QR code. `npm run dev` is the Vite dev server for development.
// Env: PORT (default 5173), HOST (default all interfaces), CLASS_BUILD_DIR (default .class-build).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { networkInterfaces } from 'node:os'
import { join } from 'node:path'
import QRCode from 'qrcode'
import { startClassServer } from '../server/classServer.mjs'
import { buildFingerprint } from './fingerprint.mjs'

const port = Number(process.env.PORT ?? 5173)
const dist = process.env.CLASS_BUILD_DIR ?? '.class-build'
const lan = Object.values(networkInterfaces())
  .flat()
  .filter((i) => i && i.family === 'IPv4' && !i.internal)
  .map((i) => i.address)
// The page finds the signaling server and the relay at the address it was loaded from; a page
// opened at localhost gives other devices this computer's network address (VITE_LAN_ORIGIN).
const env = {
  VITE_SIGNALING: '{origin}',
  VITE_RELAY: '{origin}',
  BASE: './',
  ...(lan.length > 0 ? { VITE_LAN_ORIGIN: `http://${lan[0]}:${port}` } : {}),
}

const stamp = join(dist, '.aprime-build')
const wanted = buildFingerprint(env)
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== wanted) {
  console.log('Building the page for the class (once; again only when the code changes)…')
  const started = Date.now()
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, ...env, NODE_ENV: 'production' },
  })
  if (r.status !== 0) {
    console.error('The build failed; nothing is served.')
    process.exit(1)
  }
  writeFileSync(stamp, wanted)
  console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
}

const server = await startClassServer({ port, host: process.env.HOST ?? '0.0.0.0', dist }).catch((e) => {
  console.error(`Could not listen on port ${port}: ${e.message}. Is another server using it? Set PORT.`)
  process.exit(1)
})
const main = lan.length > 0 ? `http://${lan[0]}:${server.port}/` : `http://localhost:${server.port}/`
const qr = await QRCode.toString(main, { type: 'terminal', small: true })
console.log(
  [
    '',
    '  A = A′ is running for your class.',
    '',
    `  On this computer:  http://localhost:${server.port}/`,
    ...lan.map((ip) => `  On your network:   http://${ip}:${server.port}/`),
    `  Signaling + relay: ws://${lan[0] ?? 'localhost'}:${server.port} (same port)`,
    '',
    `  Teacher: open http://localhost:${server.port}/?view=present for the wall. It shows the students`,
    '  a QR code and a short link (like /j/k7m4) to type. Devices that cannot reach each other',
    "  directly (Wi-Fi that isolates clients) still sync, through this computer's relay.",
    '',
    `  This QR code opens ${main} on a phone or tablet of the same network:`,
    qr,
    '  Press Ctrl+C to stop.',
    '',
  ].join('\n'),
)
const stop = () => server.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
