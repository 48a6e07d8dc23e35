import { defineConfig } from 'vitest/config'

// Benchmarks are plain files run one at a time (they measure, they do not assert), each writing
// bench/out/<name>.json through bench/record.ts. `npm run bench` merges them into bench/results.json.
export default defineConfig({
  define: {
    __CODE_FINGERPRINT__: JSON.stringify('bench'),
    __BUILD_MODE__: JSON.stringify('test'),
  },
  test: {
    include: ['bench/**/*.bench.ts'],
    testTimeout: 20 * 60_000,
    hookTimeout: 5 * 60_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
})
