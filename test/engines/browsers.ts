import { existsSync, readFileSync, rmSync } from 'node:fs'
import { chromium } from '@playwright/test'
import puppeteer from 'puppeteer-core'
import { remote } from 'webdriverio'
import { spawnQuiet, stopChild, waitForHttp } from './servers'

// One small interface over three drivers, so that a spec says what a user does once and runs it
// in every engine: Chromium (Playwright), Firefox (puppeteer-core over WebDriver BiDi, Debian's
// firefox-esr) and WebKit (webdriverio over WebKitWebDriver, Debian's WebKitGTK MiniBrowser).
// Playwright's own Firefox and WebKit need its patched builds, which Debian does not have.

export type EngineName = 'chromium' | 'firefox' | 'webkit'

/** A page-side function: serialized and run in the page with JSON arguments. */
type PageFn<A extends unknown[], R> = (...args: A) => R

/** One tab. Selectors are CSS. */
export interface Tab {
  readonly engine: EngineName
  goto(url: string): Promise<void>
  reload(): Promise<void>
  run<A extends unknown[], R>(fn: PageFn<A, R>, ...args: A): Promise<Awaited<R>>
  /** Focuses the element and types `text` at the end of its value, as keystrokes. */
  type(selector: string, text: string): Promise<void>
  /** A real click (the driver's, not `element.click()`) in the middle of the element. */
  click(selector: string): Promise<void>
  /** Presses the mouse in the middle of the element, moves it by (dx, dy) in a few steps, releases it. */
  drag(selector: string, dx: number, dy: number): Promise<void>
  /** Makes the page's viewport (innerWidth × innerHeight) this size. */
  setViewport(width: number, height: number): Promise<void>
  screenshot(path: string): Promise<void>
  close(): Promise<void>
}

export interface Browser {
  readonly engine: EngineName
  newTab(): Promise<Tab>
  close(): Promise<void>
}

export const VIEWPORT = { width: 1280, height: 800 }

/** Debian's Chromium through Playwright, with what WebRTC on loopback needs (RECIPES). */
export const launchChromium = async (): Promise<Browser> => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--allow-loopback-in-peer-connection'],
  })
  // Camera/microphone permission is what lets Chromium gather host ICE candidates (RECIPES).
  const context = await browser.newContext({ viewport: VIEWPORT, permissions: ['camera', 'microphone'] })
  return {
    engine: 'chromium',
    newTab: async () => {
      const page = await context.newPage()
      return {
        engine: 'chromium',
        goto: async (url) => void (await page.goto(url)),
        reload: async () => void (await page.reload()),
        run: (fn, ...args) => page.evaluate(`(${fn.toString()})(...${JSON.stringify(args)})`),
        type: async (selector, text) => {
          await page.bringToFront()
          await page.locator(selector).focus()
          await page.locator(selector).evaluate((el: HTMLTextAreaElement) => el.setSelectionRange?.(el.value.length, el.value.length))
          await page.keyboard.type(text)
        },
        click: async (selector) => {
          await page.bringToFront()
          await page.locator(selector).click()
        },
        drag: async (selector, dx, dy) => {
          await page.bringToFront()
          const box = (await page.locator(selector).boundingBox())!
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
          await page.mouse.down()
          await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy, { steps: 5 })
          await page.mouse.up()
        },
        setViewport: (width, height) => page.setViewportSize({ width, height }),
        screenshot: async (path) => void (await page.screenshot({ path })),
        close: () => page.close(),
      }
    },
    close: () => browser.close(),
  }
}

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr'

/** Debian's Firefox ESR over WebDriver BiDi (no geckodriver needed), one profile for all its tabs. */
export const launchFirefox = async (): Promise<Browser> => {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    headless: true,
    executablePath: FIREFOX_PATH,
    defaultViewport: VIEWPORT,
    extraPrefsFirefox: {
      // Host candidates as addresses rather than mDNS names, as RECIPES has it. (interop.spec.ts
      // passed without it too: Chromium's host candidate and peer-reflexive ones suffice.)
      'media.peerconnection.ice.obfuscate_host_addresses': false,
    },
  })
  return {
    engine: 'firefox',
    newTab: async () => {
      const page = await browser.newPage()
      return {
        engine: 'firefox',
        goto: async (url) => void (await page.goto(url)),
        reload: async () => void (await page.reload()),
        run: (fn, ...args) => page.evaluate(`(${fn.toString()})(...${JSON.stringify(args)})`) as never,
        type: async (selector, text) => {
          await page.bringToFront()
          await page.focus(selector)
          await page.$eval(selector, (el) => (el as HTMLTextAreaElement).setSelectionRange?.((el as HTMLTextAreaElement).value.length, (el as HTMLTextAreaElement).value.length))
          await page.keyboard.type(text)
        },
        click: async (selector) => {
          await page.bringToFront()
          await page.click(selector)
        },
        drag: async (selector, dx, dy) => {
          await page.bringToFront()
          const box = (await (await page.$(selector))!.boundingBox())!
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
          await page.mouse.down()
          await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy, { steps: 5 })
          await page.mouse.up()
        },
        setViewport: (width, height) => page.setViewport({ width, height }),
        screenshot: async (path) => void (await page.screenshot({ path: path as `${string}.png` })),
        close: () => page.close(),
      }
    },
    close: () => browser.close(),
  }
}

export const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser'
const WEBKIT_DISPLAY = Number(process.env.ENGINES_DISPLAY ?? 416)
const WEBKIT_DRIVER_PORT = Number(process.env.ENGINES_WEBKIT_PORT ?? 4618)

/**
 * Removes the lock and socket of display `n` left by an X server that no longer runs (a run killed
 * with SIGKILL), so that a new Xvfb can take it and its socket means it is up. Throws if a live X
 * server holds the display.
 */
const clearStaleDisplay = (n: number): void => {
  const lock = `/tmp/.X${n}-lock`
  if (!existsSync(lock)) return
  const pid = Number(readFileSync(lock, 'utf8').trim())
  let alive = false
  try {
    process.kill(pid, 0)
    alive = true
  } catch {}
  if (alive) throw new Error(`display :${n} is held by a running X server (pid ${pid}): set ENGINES_DISPLAY to another number`)
  rmSync(lock, { force: true })
  rmSync(`/tmp/.X11-unix/X${n}`, { force: true })
}

/**
 * Debian's WebKitGTK: its own Xvfb and WebKitWebDriver (stdio 'ignore'), and one MiniBrowser
 * session whose tabs are windows. Every step of a tab first switches the session to it.
 */
export const launchWebKit = async (): Promise<Browser> => {
  const display = `:${WEBKIT_DISPLAY}`
  clearStaleDisplay(WEBKIT_DISPLAY)
  const xvfb = spawnQuiet('Xvfb', [display, '-screen', '0', `${VIEWPORT.width}x${VIEWPORT.height}x24`, '-nolisten', 'tcp'])
  const socket = `/tmp/.X11-unix/X${WEBKIT_DISPLAY}`
  for (let i = 0; !existsSync(socket); i++) {
    if (i > 100 || xvfb.exitCode !== null) throw new Error(`Xvfb ${display} did not start (is another X server on it?)`)
    await new Promise((r) => setTimeout(r, 50))
  }
  const driver = spawnQuiet('WebKitWebDriver', [`--port=${WEBKIT_DRIVER_PORT}`], { DISPLAY: display })
  const stopAll = async () => {
    await stopChild(driver)
    await stopChild(xvfb)
  }
  try {
    await waitForHttp(`http://127.0.0.1:${WEBKIT_DRIVER_PORT}/status`)
    const b = await remote({
      logLevel: 'warn',
      hostname: '127.0.0.1',
      port: WEBKIT_DRIVER_PORT,
      path: '/',
      capabilities: {
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
        // WebKitWebDriver speaks classic WebDriver only; without this webdriverio asks for BiDi and is refused.
        'wdio:enforceWebDriverClassic': true,
      } as WebdriverIO.Capabilities,
    })
    /** A window no tab holds: the session's first, or the last one a tab closed (closing a session's last window ends the session). */
    let spare: string | null = await b.getWindowHandle()
    // One session drives every tab: each action switches to its tab, one action at a time. A "tab"
    // is a window of the same MiniBrowser (same BroadcastChannel and IndexedDB): a second tab of one
    // window is hidden there, and WebDriver calls into a hidden tab were seen to hang.
    let queue: Promise<unknown> = Promise.resolve()
    let current: string | null = spare
    const serial = <R>(step: () => Promise<R>): Promise<R> => {
      const next = queue.then(step)
      queue = next.catch(() => undefined)
      return next
    }
    const inTab = <R>(handle: string, step: () => Promise<R>): Promise<R> =>
      serial(async () => {
        if (current !== handle) {
          await b.switchToWindow(handle)
          current = handle
        }
        return step()
      })
    return {
      engine: 'webkit',
      newTab: async () => {
        let handle: string
        if (spare !== null) {
          handle = spare
          spare = null
        } else handle = (await serial(() => b.createWindow('window'))).handle
        return {
          engine: 'webkit',
          goto: (url) => inTab(handle, async () => void (await b.url(url))),
          reload: () => inTab(handle, () => b.refresh()),
          run: (fn, ...args) => inTab(handle, () => b.execute(`return (${fn.toString()})(...${JSON.stringify(args)})`)) as never,
          // WebKitWebDriver's key actions merge repeated characters ("hello" → "helo"); element send keys types them all.
          type: (selector, text) =>
            inTab(handle, async () => {
              const el = await b.$(selector)
              await el.click()
              await b.execute((s: string) => {
                const t = document.querySelector(s) as HTMLTextAreaElement
                t.setSelectionRange?.(t.value.length, t.value.length)
              }, selector)
              await el.addValue(text)
            }),
          click: (selector) => inTab(handle, async () => void (await (await b.$(selector)).click())),
          drag: (selector, dx, dy) =>
            inTab(handle, async () => {
              const el = await b.$(selector)
              await b
                .action('pointer', { parameters: { pointerType: 'mouse' } })
                .move({ origin: el })
                .down()
                .move({ origin: 'pointer', x: Math.round(dx / 2), y: Math.round(dy / 2), duration: 50 })
                .move({ origin: 'pointer', x: dx - Math.round(dx / 2), y: dy - Math.round(dy / 2), duration: 50 })
                .up()
                .perform()
            }),
          // The window holds the page and MiniBrowser's own frame: size it, then correct by what the page got.
          setViewport: (width, height) =>
            inTab(handle, async () => {
              await b.setWindowSize(width, height)
              const inner = (await b.execute(() => [window.innerWidth, window.innerHeight])) as number[]
              await b.setWindowSize(width + (width - inner[0]), height + (height - inner[1]))
            }),
          screenshot: (path) => inTab(handle, async () => void (await b.saveScreenshot(path))),
          close: () =>
            inTab(handle, async () => {
              if ((await b.getWindowHandles()).length === 1) {
                await b.url('about:blank')
                spare = handle
                return
              }
              await b.closeWindow()
              // WebDriver has no current window after closing it: make another one current.
              const rest = await b.getWindowHandles()
              current = rest[0] ?? null
              if (current !== null) await b.switchToWindow(current)
            }),
        }
      },
      close: async () => {
        try {
          await b.deleteSession()
        } finally {
          await stopAll()
        }
      },
    }
  } catch (e) {
    await stopAll()
    throw e
  }
}

export const launch = (engine: EngineName): Promise<Browser> =>
  engine === 'chromium' ? launchChromium() : engine === 'firefox' ? launchFirefox() : launchWebKit()
