import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/** Every file under `dir`, sorted, so the fingerprint does not depend on the file system's order. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? filesUnder(path) : [path]
    })

/**
 * The code fingerprint: a content hash of the sources, the page and the locked dependencies.
 * Two builds of the same code get the same fingerprint on any machine; any change gives another.
 */
const codeFingerprint = (): string => {
  const hash = createHash('sha256')
  for (const path of [...filesUnder('src'), 'index.html', 'package-lock.json']) {
    hash.update(path)
    hash.update(readFileSync(path))
  }
  return hash.digest('hex').slice(0, 12)
}

/** y-webrtc's `new Peer()` gets src/net/lazySimplePeer.ts, which loads simple-peer only when a WebRTC connection starts. */
const lazySimplePeer = {
  name: 'lazy-simple-peer',
  enforce: 'pre' as const,
  resolveId: (source: string, importer: string | undefined) =>
    source === 'simple-peer/simplepeer.min.js' && importer?.includes('/node_modules/y-webrtc/') ? resolve('src/net/lazySimplePeer.ts') : null,
}

/**
 * y-webrtc's room passwords use `crypto.subtle`, which a plain-http LAN page lacks: its `./crypto.js`
 * resolves to src/net/webrtcCrypto.ts (same exports, same bytes on the wire, @noble inside).
 */
const webrtcCrypto = {
  name: 'webrtc-crypto-without-subtle',
  enforce: 'pre' as const,
  resolveId: (source: string, importer: string | undefined) =>
    source === './crypto.js' && importer?.replace(/\\/g, '/').includes('/node_modules/y-webrtc/src/') ? resolve('src/net/webrtcCrypto.ts') : null,
}

export default defineConfig(({ command }) => ({
  base: process.env.BASE ?? './',
  plugins: [lazySimplePeer, webrtcCrypto, react()],
  define: {
    __CODE_FINGERPRINT__: JSON.stringify(process.env.APRIME_FINGERPRINT ?? codeFingerprint()),
    __BUILD_MODE__: JSON.stringify(command === 'build' ? 'build' : 'dev'),
  },
  build: {
    target: 'es2022',
    sourcemap: false,
  },
  server: { host: true },
  preview: { host: true },
}))
