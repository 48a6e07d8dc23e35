// The cross-engine tests (test/engines/*.spec.ts: Firefox, WebKit, and Firefox beside Chromium):
// builds the site as GitHub Pages would serve it (from /aprime/), then runs each spec file in its
// own Vitest process, one at a time. Run as root (as CI is), each file runs inside a private
// network namespace of its own (`unshare -n`: loopback, plus a veth pair with a default route,
// which Firefox's ICE needs), so no packet leaves the machine and its fixed ports collide with
// nothing else on it. Writes test-results/engines.json ({ passed, failed, files }) for npm test.
// Usage: node scripts/engines.mjs [spec files…]
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'

const OUT = 'test-results/engines'
const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production', BASE: '/aprime/' },
})
const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : readdirSync('test/engines').filter((f) => f.endsWith('.spec.ts')).sort().map((f) => `test/engines/${f}`)

const commandExists = (c) => spawnSync('sh', ['-c', `command -v ${c}`], { stdio: 'ignore' }).status === 0
const isolate = process.getuid?.() === 0 && commandExists('unshare') && commandExists('ip') && process.env.ENGINES_NO_NETNS !== '1'
// Inside the new namespace: lo up, a veth pair (both ends here) and a default route through it.
const NETNS_SETUP = [
  'set -e',
  'ip link set lo up',
  'ip link add a16-v0 type veth peer name a16-v1',
  'ip addr add 10.99.16.1/24 dev a16-v0',
  'ip link set a16-v0 up',
  'ip link set a16-v1 up',
  'ip route add default dev a16-v0',
  'exec "$@"',
].join('\n')

rmSync(OUT, { recursive: true, force: true })
mkdirSync(OUT, { recursive: true })
const summary = { passed: 0, failed: 0, files: [] }
if (build.status !== 0) {
  console.log('the build failed: no cross-engine test can run')
  summary.failed++
} else {
  if (!isolate) console.log('(not root, or no unshare/ip: specs run on this machine’s network; Firefox’s WebRTC then uses its default-route address)')
  for (const file of files) {
    const json = `${OUT}/${basename(file, '.spec.ts')}.json`
    const vitest = [process.execPath, 'node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.engines.config.ts', file, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`]
    const [cmd, ...args] = isolate ? ['unshare', '-n', 'sh', '-c', NETNS_SETUP, 'sh', ...vitest] : vitest
    console.log(`\n── ${file}${isolate ? ' (in a private network namespace)' : ''} ──`)
    const started = Date.now()
    const r = spawnSync(cmd, args, { stdio: 'inherit' })
    const seconds = (Date.now() - started) / 1000
    let passed = 0
    let failed = 0
    if (existsSync(json)) {
      const v = JSON.parse(readFileSync(json, 'utf8'))
      passed = v.numPassedTests
      failed = v.numFailedTests + (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0)
      if (r.status !== 0 && failed === 0) failed = 1 // a file that failed to load, or a failing hook
    } else failed = 1
    summary.passed += passed
    summary.failed += failed
    summary.files.push({ file, passed, failed, seconds })
  }
}
writeFileSync('test-results/engines.json', `${JSON.stringify(summary, null, 2)}\n`)
console.log('\n── cross-engine specs ──')
for (const f of summary.files) console.log(`${f.failed === 0 ? 'ok  ' : 'FAIL'}  ${f.file}: ${f.passed} passed, ${f.failed} failed (${f.seconds.toFixed(1)} s)`)
console.log(`${summary.passed} passed, ${summary.failed} failed`)
process.exit(summary.failed === 0 ? 0 : 1)
