// npm start: the playground (Vite dev server) and y-webrtc's signaling server side by side.
// Prints both addresses, the LAN ones too, and how to join from another device. Ctrl+C stops both.
// Env: PORT (page, default 5173), SIGNALING_PORT (default 4444).
import { spawn } from 'node:child_process'
import { networkInterfaces } from 'node:os'

const port = Number(process.env.PORT ?? 5173)
const signalingPort = Number(process.env.SIGNALING_PORT ?? 4444)
const lan = Object.values(networkInterfaces())
  .flat()
  .filter((i) => i && i.family === 'IPv4' && !i.internal)
  .map((i) => i.address)

const children = []
const stop = (code = 0) => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM')
  process.exit(code)
}
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

const signaling = spawn(process.execPath, ['node_modules/.bin/y-webrtc-signaling'], {
  env: { ...process.env, PORT: String(signalingPort) },
  stdio: ['ignore', 'ignore', 'inherit'],
})
children.push(signaling)
signaling.on('exit', (code) => {
  console.error(`The signaling server stopped (exit code ${code}). Is port ${signalingPort} in use? Set SIGNALING_PORT.`)
  stop(1)
})

const vite = spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--host', '--port', String(port), '--strictPort'], {
  // VITE_LAN_ORIGIN: a page opened at localhost gives other devices this address in Share's link and QR code.
  env: {
    ...process.env,
    VITE_SIGNALING: `ws://{host}:${signalingPort}`,
    ...(lan.length > 0 ? { VITE_LAN_ORIGIN: `http://${lan[0]}:${port}` } : {}),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
})
children.push(vite)
vite.on('exit', (code) => stop(code ?? 1))
let announced = false
vite.stdout.on('data', (chunk) => {
  if (announced) return
  if (!/ready in|Local:/.test(String(chunk))) return
  announced = true
  const lines = [
    '',
    '  A = A′ is running.',
    '',
    `  Playground:        http://localhost:${port}/`,
    ...lan.map((ip) => `  On your network:   http://${ip}:${port}/`),
    `  Signaling server:  ws://localhost:${signalingPort}${lan.length > 0 ? `  (and ws://${lan[0]}:${signalingPort})` : ''}`,
    '',
    '  Another device on the same network: open the "On your network" address, then use',
    '  Share (QR code) in the page to join the same room. Tabs of one browser need no server.',
    ...(lan.length > 0 ? [`  Share uses http://${lan[0]}:${port}/ even on a page opened at localhost.`] : []),
    '  Press Ctrl+C to stop.',
    '',
  ]
  console.log(lines.join('\n'))
})
