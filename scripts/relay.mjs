// npm run relay: the signaling server and the relay alone (no page), for a static build hosted
// elsewhere (GitHub Pages). Env: PORT (default 4444), HOST (default all interfaces).
// Behind TLS (an https page cannot open ws://), put a reverse proxy in front: see README.
import { startClassServer } from '../server/classServer.mjs'

const port = Number(process.env.PORT ?? 4444)
const server = await startClassServer({ port, host: process.env.HOST ?? '0.0.0.0', dist: null }).catch((e) => {
  console.error(`The relay could not start on port ${port}: ${e.message}. Set PORT to use another.`)
  process.exit(1)
})
console.log(`A = A′ signaling server and relay on ws://0.0.0.0:${server.port} (status: http://localhost:${server.port}/relay/status)`)
const stop = () => server.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
