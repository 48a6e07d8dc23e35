// Builds the site as GitHub Pages would serve it (from the sub-path /aprime/), then runs the
// Playwright tests in Debian's Chromium, one file at a time. Extra arguments go to Playwright.
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'

const run = (args, env = {}) => {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
run(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { NODE_ENV: 'production', BASE: '/aprime/' })
// Beside it, for the tests only: a plain Yjs + y-webrtc page (the benchmarks' bare page), to check
// that a tab of someone else's y-webrtc app reads our tabs' posts and ours read its.
run(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', '--config', 'bench/vite.bare.config.ts', '--outDir', resolve('dist/plain-y-webrtc')], {
  NODE_ENV: 'production',
})
run(['node_modules/@playwright/test/cli.js', 'test', ...process.argv.slice(2)])
