import { defineConfig } from '@playwright/test'

/** Where the end-to-end tests find the production build (served like GitHub Pages, from a sub-path). */
/** Ports can be moved with E2E_PORT / E2E_SIGNALING_PORT so that two checkouts can run their suites at once. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4173)
export const E2E_BASE = '/aprime/'
export const E2E_URL = `http://127.0.0.1:${E2E_PORT}${E2E_BASE}`
/** A real y-webrtc signaling server for the WebRTC tests. */
export const SIGNALING_PORT = Number(process.env.E2E_SIGNALING_PORT ?? 4455)
export const SIGNALING_URL = `ws://127.0.0.1:${SIGNALING_PORT}`

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  // CI (a shared 2-core machine) runs a failed test once more: a test that then passes is counted
  // as passed but named as flaky in npm test's summary, so it is seen and mended, not hidden.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: E2E_URL,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // WebRTC on a loopback-only machine: needs this and camera/microphone permission (see RECIPES).
        '--allow-loopback-in-peer-connection',
      ],
    },
    viewport: { width: 1440, height: 1000 },
  },
  webServer: [
    {
      command: `node scripts/serveStatic.mjs dist ${E2E_BASE} ${E2E_PORT}`,
      url: E2E_URL,
      reuseExistingServer: false,
      timeout: 20_000,
    },
    {
      command: `node node_modules/.bin/y-webrtc-signaling`,
      env: { PORT: String(SIGNALING_PORT) },
      url: `http://127.0.0.1:${SIGNALING_PORT}`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
  ],
})
