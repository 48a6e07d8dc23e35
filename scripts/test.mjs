// npm test: type-check, lint, unit + component + property tests (Vitest), then the end-to-end
// tests in real Chromium (Playwright, against the Pages-like build), then the cross-engine tests
// (Firefox and WebKit, and Firefox or WebKit beside Chromium: scripts/engines.mjs). Every step
// runs even if an earlier one failed; the last line counts every test: "N passed, N failed".
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

const results = { passed: 0, failed: 0 }
/** "FAILED|FLAKY file › title: first line of the error" for every Playwright test that failed, at least once. */
const unexpectedSpecs = (report) => {
  const out = []
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? [])
        if (t.status === 'unexpected' || t.status === 'flaky') {
          const label = t.status === 'flaky' ? 'FLAKY (passed when run again)' : 'FAILED'
          const error = t.results?.find((r) => r.error)?.error?.message ?? ''
          const first = error.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '').split('\n').find((l) => l.trim()) ?? ''
          out.push(`${label}  ${spec.file} › ${spec.title}: ${first.slice(0, 160)}`)
        }
    for (const child of suite.suites ?? []) walk(child)
  }
  for (const suite of report.suites ?? []) walk(suite)
  return out
}
const steps = []
const run = (name, args, env = {}) => {
  console.log(`\n── ${name} ──`)
  const started = Date.now()
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  steps.push({ name, ok: r.status === 0, seconds: (Date.now() - started) / 1000 })
  return r.status === 0
}
const count = (name, ok) => {
  if (ok) results.passed++
  else results.failed++
  console.log(`${ok ? '✓' : '✗'} ${name}`)
}

mkdirSync('test-results', { recursive: true })
count('type-check (tsc -b)', run('type-check', ['node_modules/typescript/bin/tsc', '-b']))
count('lint (biome)', run('lint', ['node_modules/@biomejs/biome/bin/biome', 'lint', 'src', 'test', 'bench', 'scripts', 'server']))

const vitestJson = 'test-results/vitest.json'
rmSync(vitestJson, { force: true })
const vitestOk = run('unit, component and property tests (vitest)', [
  'node_modules/vitest/vitest.mjs',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
])
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'))
  results.passed += v.numPassedTests
  results.failed += v.numFailedTests + (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0)
  if (!vitestOk && v.numFailedTests === 0) results.failed++ // a suite that failed to load counts as a failure
} else results.failed++

const e2eJson = 'test-results/e2e.json'
rmSync(e2eJson, { force: true })
const e2eOk = run('end-to-end tests (Playwright, Chromium)', ['scripts/e2e.mjs', '--reporter=list,json'], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson,
})
const failedNames = []
if (existsSync(e2eJson)) {
  const report = JSON.parse(readFileSync(e2eJson, 'utf8'))
  const s = report.stats
  results.passed += s.expected + s.flaky
  results.failed += s.unexpected + s.skipped
  if (!e2eOk && s.unexpected === 0) results.failed++
  failedNames.push(...unexpectedSpecs(report))
} else results.failed++

const enginesJson = 'test-results/engines.json'
rmSync(enginesJson, { force: true })
const enginesOk = run('cross-engine tests (Firefox, WebKit, beside Chromium)', ['scripts/engines.mjs'])
let engineFiles = []
if (existsSync(enginesJson)) {
  const s = JSON.parse(readFileSync(enginesJson, 'utf8'))
  results.passed += s.passed
  results.failed += s.failed
  engineFiles = s.files
  if (!enginesOk && s.failed === 0) results.failed++
} else results.failed++

console.log('\n── summary ──')
for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'}  ${s.name}  (${s.seconds.toFixed(1)} s)`)
for (const f of engineFiles) console.log(`        ${f.file}: ${f.passed} passed, ${f.failed} failed (${f.seconds.toFixed(1)} s)`)
// CI keeps only the tail of this output: name what failed here, where it will be read.
for (const line of failedNames) console.log(line)
console.log(`${results.passed} passed, ${results.failed} failed`)
process.exit(results.failed === 0 ? 0 : 1)
