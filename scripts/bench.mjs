// npm run bench [-- name-filter]: runs every bench/*.bench.ts one at a time, then merges their
// figures into bench/results.json (an array of { name, value, unit, goal }) and prints a table.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const out = 'bench/out'
rmSync(out, { recursive: true, force: true })
const filter = process.argv.slice(2)
const run = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--config', 'bench/vitest.config.ts', ...filter],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
)
const fresh = existsSync(out)
  ? readdirSync(out)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .flatMap((f) => JSON.parse(readFileSync(join(out, f), 'utf8')))
  : []
// A filtered run replaces only the figures it measured; the others stay as they were.
const previous = existsSync('bench/results.json') ? JSON.parse(readFileSync('bench/results.json', 'utf8')) : []
const names = new Set(fresh.map((r) => r.name))
const results = [...previous.filter((r) => !names.has(r.name)), ...fresh].sort((a, b) => (a.name < b.name ? -1 : 1))
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`)

const meets = (value, goal) => {
  if (!goal) return ''
  const m = /^(<=|>=|<|>)\s*([\d.]+)/.exec(goal)
  if (!m) return ''
  const g = Number(m[2])
  const ok = m[1] === '<=' ? value <= g : m[1] === '>=' ? value >= g : m[1] === '<' ? value < g : value > g
  return ok ? 'yes' : 'NO'
}
const rows = results.map((r) => [r.name, String(Number(r.value.toPrecision(4))), r.unit, r.goal ?? '', meets(r.value, r.goal)])
const head = ['name', 'value', 'unit', 'goal', 'met']
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ')
console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`)
for (const r of rows) console.log(line(r))
console.log(`\n${fresh.length} figures measured now; ${results.length} in bench/results.json`)
process.exit(run.status ?? 1)
