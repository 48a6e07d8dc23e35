import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { codeFingerprint } from './scripts/fingerprint.mjs'

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
