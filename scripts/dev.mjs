// npm run dev: the Vite dev server (for development: fast reloads, unminified code) beside the
// signaling server and relay. Env: PORT (page, default 5173), SIGNALING_PORT (default 4444).
import { spawn } from 'node:child_process'
import { startClassServer } from '../server/classServer.mjs'

const port = Number(process.env.PORT ?? 5173)
const signalingPort = Number(process.env.SIGNALING_PORT ?? 4444)
const relay = await startClassServer({ port: signalingPort, dist: null }).catch((e) => {
  console.error(`The signaling server and relay could not start on port ${signalingPort}: ${e.message}. Set SIGNALING_PORT.`)
  process.exit(1)
})
const vite = spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--host', '--port', String(port), '--strictPort'], {
  env: { ...process.env, VITE_SIGNALING: `ws://{host}:${signalingPort}`, VITE_RELAY: `ws://{host}:${signalingPort}` },
  stdio: 'inherit',
})
console.log(`Signaling server and relay: ws://localhost:${signalingPort}`)
const stop = (code = 0) => {
  if (vite.exitCode === null) vite.kill('SIGTERM')
  relay.close().then(() => process.exit(code))
}
vite.on('exit', (code) => stop(code ?? 1))
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))
