import { expect } from 'vitest'
import type { Tab } from './browsers'
import { SITE_URL } from './servers'

// What a user does and sees in the app, written once for every engine. Page-side functions are
// sent as source text, so they use nothing from this file.

/** A room name no other test (or run) uses, valid under the app's room-name rule. */
export const uniqueRoom = (label: string): string => `engines-${label}-${Date.now().toString(36)}-${process.pid.toString(36)}`

/** A link to the site with these query parameters (`signaling: ''` means none). */
export const linkTo = (q: Record<string, string>): string => `${SITE_URL}?${new URLSearchParams(q)}`

/** Waits (at most `timeout` ms) until `fn` run in the page returns `expected` (deep equality). */
export const untilWithin =
  (timeout: number) =>
  async <A extends unknown[], R>(tab: Tab, what: string, expected: R, fn: (...args: A) => R, ...args: A): Promise<void> => {
    await expect.poll(() => tab.run(fn, ...args), { message: `${tab.engine}: ${what}`, timeout, interval: 100 }).toEqual(expected)
  }

/** Waits (at most 20 s) until `fn` run in the page returns `expected` (deep equality). */
export const until = untilWithin(20_000)

/** Uncaught errors and unhandled rejections the page recorded since it loaded (servers.ts installs the recorder). */
export const pageErrors = (tab: Tab): Promise<string[]> => tab.run(() => ((window as any).__pageErrors as string[] | undefined) ?? ['(the error recorder is missing)'])

export const expectNoPageErrors = async (tab: Tab): Promise<void> => {
  expect(await pageErrors(tab), `${tab.engine}: uncaught errors in the page`).toEqual([])
}

/**
 * Marks the first visible button (or role=switch/checkbox input) whose accessible text is `name`,
 * under `within` (a CSS selector), and returns a selector for it, so the driver can click it as a
 * user would.
 */
export const button = async (tab: Tab, name: string, within = 'body'): Promise<string> => {
  const id = await tab.run(
    (name: string, within: string) => {
      const root = document.querySelector(within)
      if (root === null) return null
      const candidates = Array.from(root.querySelectorAll<HTMLElement>('button, [role="button"], input[type="checkbox"]'))
      const label = (el: HTMLElement) => (el.getAttribute('aria-label') ?? el.textContent ?? '').trim()
      const hit = candidates.find((el) => label(el) === name && el.getClientRects().length > 0)
      if (hit === undefined) return null
      const mark = `t${Math.floor(performance.now() * 1000)}`
      hit.setAttribute('data-engines-target', mark)
      return mark
    },
    name,
    within,
  )
  expect(id, `${tab.engine}: a button "${name}" in ${within}`).not.toBeNull()
  return `[data-engines-target="${id}"]`
}

export const clickButton = async (tab: Tab, name: string, within = 'body'): Promise<void> => tab.click(await button(tab, name, within))

export const SHARED_TEXT = 'textarea[aria-label="Shared text"]'

/** Opens a live-room link and waits until its replica runs (`window.aprime`). */
export const openLive = async (tab: Tab, url: string): Promise<void> => {
  await tab.goto(url)
  await until(tab, 'the live room runs its replica', true, () => (window as any).aprime?.doc !== undefined && document.querySelector('textarea[aria-label="Shared text"]') !== null)
}

/** The replica's Y.Text, from the document itself. */
export const docText = (tab: Tab): Promise<string> => tab.run(() => (window as any).aprime.doc.getText('text').toString() as string)
/** What the shared text area shows. */
export const shownText = (tab: Tab): Promise<string> => tab.run(() => (document.querySelector('textarea[aria-label="Shared text"]') as HTMLTextAreaElement).value)

export const untilText = async (tab: Tab, text: string): Promise<void> => {
  await until(tab, `the document holds "${text.slice(0, 40)}"`, text, () => (window as any).aprime.doc.getText('text').toString())
  await until(tab, `the text area shows "${text.slice(0, 40)}"`, text, () => (document.querySelector('textarea[aria-label="Shared text"]') as HTMLTextAreaElement).value)
}

/** The page's verdict (`data-verdict` of the banner): equal, catching-up, differs, alone… */
export const verdictOf = (tab: Tab): Promise<string | undefined> =>
  tab.run(() => (document.querySelector('[data-testid="verdict"]') as HTMLElement | null)?.dataset.verdict)

/** How this replica reaches each peer (BroadcastChannel / WebRTC), from its connection. */
export const peersOf = (tab: Tab): Promise<string[]> => tab.run(() => Object.values((window as any).aprime.connection.getSnapshot().peers) as string[])

/** The replica's own digest, as its store holds it. */
export const digestOf = (tab: Tab): Promise<string> => tab.run(() => (window as any).aprime.store.getState().self.digest as string)
