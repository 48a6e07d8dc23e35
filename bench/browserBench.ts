import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { type Browser, chromium } from '@playwright/test'

/** `vite build` with `args`, in production mode with a relative base. */
export const viteBuild = (args: string[]): void => {
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', ...args], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', BASE: './' },
  })
  if (r.status !== 0) throw new Error(`vite build ${args.join(' ')} failed`)
}

/** Builds the site into bench/dist/<outDir>. */
export const buildSite = (outDir: string): void => viteBuild(['--outDir', `bench/dist/${outDir}`, '--emptyOutDir'])

/** Debian's Chromium, quiet on a closed network, with `extraArgs`. */
export const launchChromium = (extraArgs: string[] = []): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-sync', ...extraArgs],
  })

/** Serves bench/dist at http://127.0.0.1:<port>/ and launches Debian's Chromium (with `extraArgs`). `stop()` ends both. */
export const serveAndLaunch = async (port: number, extraArgs: string[] = []): Promise<{ root: string; browser: Browser; stop: () => Promise<void> }> => {
  const server: ChildProcess = spawn(process.execPath, ['scripts/serveStatic.mjs', 'bench/dist', '/', String(port)], { stdio: 'ignore' })
  await new Promise((resolve) => setTimeout(resolve, 500))
  const browser = await launchChromium(extraArgs)
  return {
    root: `http://127.0.0.1:${port}`,
    browser,
    stop: async () => {
      await browser.close()
      server.kill()
    },
  }
}
