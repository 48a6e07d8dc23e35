import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser } from '@playwright/test'

/**
 * A school network on this machine (Linux network namespaces, as root): a "laptop" namespace
 * with a bridge, and one namespace per student device plugged into an isolated port of it. Every
 * student reaches the laptop; no student reaches another (unicast or multicast), as on Wi-Fi
 * that isolates its clients.
 */
export interface SchoolNetwork {
  laptop: string
  laptopIp: string
  students: string[]
  /** Runs a command in a namespace, waits, returns its output. */
  run(ns: string, cmd: string[]): string
  /** Starts a long-running process in a namespace. */
  spawnIn(ns: string, cmd: string[], env?: NodeJS.ProcessEnv): ChildProcess
  /** Plugs a device's network in or out (a phone that sleeps loses its connections). */
  setLink(ns: string, up: boolean): void
  /** A Chromium whose network is the namespace's. */
  chromiumIn(ns: string): Promise<Browser>
  destroy(): void
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString()

export const CHROMIUM_ARGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** `prefix` names every namespace and interface, so parallel runs (other checkouts) do not collide. */
export const makeSchoolNetwork = (prefix: string, studentCount: number, workDir: string): SchoolNetwork => {
  if (process.getuid?.() !== 0) throw new Error('The school-network test needs root (ip netns); CI runs as root.')
  const laptop = `${prefix}-lap`
  const students = Array.from({ length: studentCount }, (_, i) => `${prefix}-s${i}`)
  const destroy = () => {
    for (const ns of [laptop, ...students]) {
      try {
        ip('netns', 'del', ns)
      } catch {
        // not there
      }
    }
  }
  destroy()
  ip('netns', 'add', laptop)
  ip('-n', laptop, 'link', 'set', 'lo', 'up')
  ip('-n', laptop, 'link', 'add', 'br0', 'type', 'bridge')
  ip('-n', laptop, 'addr', 'add', '10.200.0.1/24', 'dev', 'br0')
  ip('-n', laptop, 'link', 'set', 'br0', 'up')
  // Chromium gathers no ICE candidates in a namespace without a default route.
  ip('-n', laptop, 'route', 'add', 'default', 'dev', 'br0')
  students.forEach((ns, i) => {
    const port = `${prefix}p${i}`
    ip('netns', 'add', ns)
    ip('-n', ns, 'link', 'set', 'lo', 'up')
    ip('link', 'add', port, 'netns', laptop, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns)
    ip('-n', laptop, 'link', 'set', port, 'master', 'br0')
    ip('-n', laptop, 'link', 'set', 'dev', port, 'type', 'bridge_slave', 'isolated', 'on')
    ip('-n', laptop, 'link', 'set', port, 'up')
    ip('-n', ns, 'addr', 'add', `10.200.0.${10 + i}/24`, 'dev', 'eth0')
    ip('-n', ns, 'link', 'set', 'eth0', 'up')
    ip('-n', ns, 'route', 'add', 'default', 'via', '10.200.0.1')
  })
  mkdirSync(workDir, { recursive: true })
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  return {
    laptop,
    laptopIp: '10.200.0.1',
    students,
    setLink: (ns, up) => ip('-n', ns, 'link', 'set', 'eth0', up ? 'up' : 'down'),
    run: (ns, cmd) => execFileSync('ip', ['netns', 'exec', ns, ...cmd], { stdio: ['ignore', 'pipe', 'pipe'] }).toString(),
    spawnIn: (ns, cmd, env) => spawn('ip', ['netns', 'exec', ns, ...cmd], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }),
    chromiumIn: async (ns) => {
      // Playwright drives Chromium over a pipe, so the browser may live in another namespace.
      const wrapper = join(workDir, `chromium-${ns}.sh`)
      writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${ns} ${chromiumPath} "$@"\n`)
      chmodSync(wrapper, 0o755)
      return chromium.launch({ executablePath: wrapper, args: CHROMIUM_ARGS })
    },
    destroy,
  }
}
