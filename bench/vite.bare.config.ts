import { defineConfig } from 'vite'

// Builds the baseline page of the keystroke-latency benchmark into bench/dist/bare.
export default defineConfig({
  root: 'bench/bare',
  base: './',
  logLevel: 'warn',
  build: { outDir: '../dist/bare', emptyOutDir: true, target: 'es2022' },
})
