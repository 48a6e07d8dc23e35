// Builds the site as GitHub Pages would serve it (from the sub-path /aprime/), then runs the
// Playwright tests in Debian's Chromium, one file at a time. Extra arguments go to Playwright.
import { spawnSync } from 'node:child_process'

const run = (args, env = {}) => {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
run(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { NODE_ENV: 'production', BASE: '/aprime/' })
run(['node_modules/@playwright/test/cli.js', 'test', ...process.argv.slice(2)])
