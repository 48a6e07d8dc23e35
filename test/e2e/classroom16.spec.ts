import type { BrowserContext, Page } from '@playwright/test'
import { SIGNALING_URL } from '../../playwright.config'
import { expect, test, uniqueRoom } from './fixtures'
import { appendText, clientIdOf, digestOf, openPresenter, openStudent, policyVersionOf, studentLinkOf, textOf } from './classroomHelpers'

// A class of 16: four browser contexts (no BroadcastChannel between them, so WebRTC through the
// real signaling server), four pages each. Heavy: this file holds the only 16-page tests.
const CONTEXTS = 4
const PER_CONTEXT = 4
const SHOTS = '/tmp/shots-classroom'

const openClass = async (newContext: (o?: object) => Promise<BrowserContext>, room: string, extra: Record<string, string> = {}) => {
  const contexts: BrowserContext[] = []
  for (let i = 0; i < CONTEXTS; i++) contexts.push(await newContext({ permissions: ['camera', 'microphone'], viewport: { width: 1920, height: 1080 } }))
  const presenter = await openPresenter(contexts[0], { room, signaling: SIGNALING_URL, ...extra })
  const link = await studentLinkOf(presenter)
  const students = (
    await Promise.all(
      contexts.map(async (c, i) => {
        const pages: Page[] = []
        for (let j = i === 0 ? 1 : 0; j < PER_CONTEXT; j++) pages.push(await openStudent(c, link))
        return pages
      }),
    )
  ).flat()
  return { presenter, students, all: [presenter, ...students] }
}

/** Waits until `check` holds on every page, polling them all (bounded). */
const everyPage = async (pages: Page[], what: string, check: (p: Page) => Promise<boolean>, timeout = 20_000) => {
  await expect
    .poll(async () => (await Promise.all(pages.map(check))).filter((ok) => !ok).length, { message: what, timeout, intervals: [250] })
    .toBe(0)
}

test('16 pages over 4 browser contexts: split, edits on both sides stay on their side, Heal converges every page', async ({ newContext }) => {
  test.setTimeout(180_000)
  const { presenter, all } = await openClass(newContext, uniqueRoom('class16'))
  await expect(presenter.getByTestId('room-verdict')).toHaveText(/A = A′ for all 16 replicas/, { timeout: 45_000 })

  await presenter.getByRole('button', { name: 'Split the class in two' }).click()
  const split = await presenter.evaluate(() => (window as any).aprimePresent.store.getState().policy)
  expect(split.groups).toHaveLength(2)
  expect(split.groups.flat()).toHaveLength(16)
  await everyPage(all, 'every page follows the split', async (p) => (await policyVersionOf(p)) === split.version)
  await expect(all[1].getByTestId('network-banner')).toContainText('split the class into 2 groups')

  const ids = await Promise.all(all.map(clientIdOf))
  const groupOfPage = ids.map((id) => (split.groups[1].includes(id) ? 1 : 0))
  const writer = [all[groupOfPage.indexOf(0)], all[groupOfPage.indexOf(1)]]
  await appendText(writer[0], 'group one wrote this. ')
  await appendText(writer[1], 'group two wrote this. ')
  const mine = ['group one wrote this. ', 'group two wrote this. ']
  await everyPage(all, 'each group has its own edit and not the other', async (p) => {
    const g = groupOfPage[all.indexOf(p)]
    const t = await textOf(p)
    return t === mine[g]
  })
  // Each group agrees inside itself: the wall says so, and every tile equals its own group.
  await expect(presenter.getByTestId('room-verdict')).toContainText('2 groups: A = A′ inside each; group 1 ≠ group 2', { timeout: 15_000 })
  await expect(presenter.locator('[data-testid="tile"][data-verdict="equal"]')).toHaveCount(15)
  await presenter.screenshot({ path: `${SHOTS}/present-16-split.png` })

  const healedAt = Date.now()
  await presenter.getByRole('button', { name: 'Heal' }).click()
  const target = await digestOf(presenter)
  await everyPage(all, 'every page holds both edits with one digest', async (p) => {
    const t = await textOf(p)
    return t.includes(mine[0]) && t.includes(mine[1]) && (await digestOf(p)) === (await digestOf(presenter))
  })
  console.log(`Heal → every page equal: ${Date.now() - healedAt} ms (digest ${target.slice(0, 8)} before heal)`)
  await expect(presenter.getByTestId('room-verdict')).toHaveText(/A = A′ for all 16 replicas/, { timeout: 15_000 })
  await presenter.screenshot({ path: `${SHOTS}/present-16-healed.png` })
  // The class's own traffic (tagged, relayed, anti-entropy) is never mistaken for a malformed message.
  const refused = await Promise.all(all.map((p) => p.getByText(/Refused a malformed message/).count()))
  expect(refused.reduce((a, b) => a + b, 0)).toBe(0)
})

test('a partial mesh (maxconns=2): no page is connected to every other, yet an edit reaches all 16', async ({ newContext }) => {
  test.setTimeout(180_000)
  const { presenter, all } = await openClass(newContext, uniqueRoom('mesh16'), { maxconns: '2' })
  await expect(presenter.getByTestId('room-verdict')).toHaveText(/A = A′ for all 16 replicas/, { timeout: 45_000 })
  const connected = await Promise.all(all.map((p) => p.evaluate(() => Object.keys((window as any).aprime.connection.getSnapshot().peers).length)))
  console.log(`connected peers per page: ${connected.join(' ')}`)
  expect(Math.max(...connected)).toBeLessThan(15)
  await appendText(all[all.length - 1], 'from the last page')
  await everyPage(all, 'the edit reached every page', async (p) => (await textOf(p)) === 'from the last page')
})
