import { defineConfig } from 'vitest/config'

// The cross-engine specs (test/engines/): real Firefox and WebKit (and Chromium beside Firefox)
// against the production build. scripts/engines.mjs runs them one file at a time, each in its
// own process (inside a private network namespace when run as root).
export default defineConfig({
  test: {
    include: ['test/engines/**/*.spec.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
})
