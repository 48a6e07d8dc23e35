import type { ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from '@playwright/test'
import { appendText, clientIdOf, textOf, tileOf } from './classroomHelpers'
import { expect, test } from './fixtures'
import { makeSchoolNetwork, type SchoolNetwork } from './schoolNetwork'

/**
 * The class on a school network: `npm start` on the teacher's laptop (its own namespace), six
 * students each in a namespace of its own on an isolated bridge port (they reach the laptop,
 * never each other), and the wall on the laptop. Every Chromium is real and separate.
 */
const STUDENTS = 6
const PORT = 5173
const SHOTS = '/tmp/shots-school-network'
const net: { school: SchoolNetwork | null; server: ChildProcess | null; browsers: Browser[] } = { school: null, server: null, browsers: [] }

test.describe.configure({ mode: 'serial', timeout: 300_000 })

const startServer = async (school: SchoolNetwork): Promise<ChildProcess> => {
  const server = school.spawnIn(school.laptop, [process.execPath, 'scripts/start.mjs'], {
    PORT: String(PORT),
    CLASS_BUILD_DIR: 'test-results/class-build',
  })
  let out = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up in 120 s:\n${out}`)), 120_000)
    server.stdout?.on('data', (c) => {
      out += String(c)
      if (out.includes('is running for your class')) {
        clearTimeout(timer)
        resolve()
      }
    })
    server.stderr?.on('data', (c) => {
      out += String(c)
    })
    server.on('exit', (code) => reject(new Error(`npm start exited (${code}):\n${out}`)))
  })
  server.removeAllListeners('exit')
  return server
}

const stopServer = async (server: ChildProcess | null) => {
  if (server === null || server.exitCode !== null) return
  const exited = new Promise((r) => server.once('exit', r))
  server.kill('SIGTERM')
  await exited
}

test.beforeAll(async () => {
  // E2E_NETNS_PREFIX: another checkout running this suite at the same time uses its own namespaces.
  net.school = makeSchoolNetwork(process.env.E2E_NETNS_PREFIX ?? 'a14', STUDENTS, 'test-results/school-network-bin')
  net.server = await startServer(net.school)
})

test.afterAll(async () => {
  for (const b of net.browsers) await b.close().catch(() => {})
  await stopServer(net.server)
  net.school?.destroy()
})

const studentPages = async (count: number): Promise<Page[]> => {
  const school = net.school!
  const pages: Page[] = []
  for (let i = 0; i < count; i++) {
    const browser = await school.chromiumIn(school.students[i])
    net.browsers.push(browser)
    const page = await browser.newPage({ viewport: { width: 420, height: 860 } })
    page.on('pageerror', (e) => console.log(`student ${i} page error: ${e.message}`))
    pages.push(page)
  }
  return pages
}

const allHave = async (pages: Page[], parts: string[]): Promise<boolean> => {
  const texts = await Promise.all(pages.map(textOf))
  return texts.every((t) => parts.every((p) => t.includes(p)))
}

test('students who cannot reach each other converge through the laptop; split, heal, a phone that sleeps, a server restart', async () => {
  const school = net.school!
  const base = `http://${school.laptopIp}:${PORT}/`
  const students = await studentPages(STUDENTS)
  mkdirSync(SHOTS, { recursive: true })

  // 1. Students alone (no wall): each types; every page gets every edit, through the relay.
  const alone = `school-alone-${Date.now().toString(36)}`
  for (const p of students) await p.goto(`${base}?room=${alone}`)
  for (const p of students) await expect(p.getByLabel('Shared text')).toBeVisible({ timeout: 30_000 })
  for (let i = 0; i < STUDENTS; i++) await appendText(students[i], `[alone ${i}]`)
  const aloneParts = students.map((_, i) => `[alone ${i}]`)
  const t0 = Date.now()
  await expect.poll(() => allHave(students, aloneParts), { timeout: 30_000 }).toBe(true)
  console.log(`students alone: all ${STUDENTS} pages hold all ${STUDENTS} edits after ${Date.now() - t0} ms`)
  await expect(students[0].locator('li[data-peer]').first()).toContainText('reached through the relay')

  // 2. The wall on the laptop; students join with the short link it shows.
  const wallBrowser = await school.chromiumIn(school.laptop)
  net.browsers.push(wallBrowser)
  const wall = await wallBrowser.newPage({ viewport: { width: 1920, height: 1080 } })
  const room = `school-wall-${Date.now().toString(36)}`
  await wall.goto(`http://127.0.0.1:${PORT}/?view=present&room=${room}`)
  const short = wall.getByTestId('short-link')
  await expect(short).toBeVisible({ timeout: 15_000 })
  const shortText = (await short.textContent()) ?? ''
  expect(shortText).toMatch(/^10\.200\.0\.1:5173\/j\/[a-z0-9]{4,}$/)
  expect(shortText.length - `10.200.0.1:${PORT}`.length).toBeLessThanOrEqual(30)
  for (const p of students) await p.goto(`http://${shortText}`)
  for (const p of students) await expect(p.getByLabel('Shared text')).toBeVisible({ timeout: 30_000 })
  expect(new URL(students[0].url()).searchParams.get('teacher')).toMatch(/^[0-9a-f]{64}$/)
  await expect(wall.getByTestId('tile')).toHaveCount(STUDENTS + 1, { timeout: 30_000 })
  await expect(wall.getByTestId('reach-summary')).toBeVisible()
  // The wall tells the teacher that this Wi-Fi keeps the students' devices apart.
  await expect(wall.getByTestId('student-reach')).toContainText(
    `Students reach no other student directly (0 of ${(STUDENTS * (STUDENTS - 1)) / 2} pairs)`,
    { timeout: 15_000 },
  )
  await expect(wall.getByTestId('student-reach')).toContainText('every edit goes through the relay or this wall')
  for (let i = 0; i < STUDENTS; i++) await appendText(students[i], `[joined ${i}]`)
  await expect(wall.getByTestId('room-verdict')).toHaveText(new RegExp(`A = A′ for all ${STUDENTS + 1} replicas`), { timeout: 30_000 })
  await wall.screenshot({ path: `${SHOTS}/wall-joined.png` })

  // 3. Split: each group converges inside itself, though no two of its students reach each other.
  await wall.getByRole('button', { name: 'Split the class in two' }).click()
  const ids = await Promise.all(students.map(clientIdOf))
  const groupOf = async (id: number) => Number(await tileOf(wall, id).getAttribute('data-group'))
  await expect.poll(async () => new Set(await Promise.all(ids.map(groupOf))).size, { timeout: 15_000 }).toBe(2)
  // Every student follows the new policy before anyone types.
  await expect
    .poll(async () => (await Promise.all(students.map((p) => p.evaluate(() => (window as any).aprime.policy.version)))).every((v) => v !== null), { timeout: 20_000 })
    .toBe(true)
  const groups = await Promise.all(ids.map(groupOf))
  for (let i = 0; i < STUDENTS; i++) await appendText(students[i], `[split ${i} g${groups[i]}]`)
  for (const g of new Set(groups)) {
    const members = students.filter((_, i) => groups[i] === g)
    const parts = students.map((_, i) => `[split ${i} g${groups[i]}]`).filter((_, i) => groups[i] === g)
    await expect.poll(() => allHave(members, parts), { timeout: 30_000 }).toBe(true)
  }
  // Nothing crossed between groups.
  for (let i = 0; i < STUDENTS; i++) {
    const other = students.findIndex((_, j) => groups[j] !== groups[i])
    expect(await textOf(students[i])).not.toContain(`[split ${other} `)
  }
  await wall.screenshot({ path: `${SHOTS}/wall-split.png` })
  await students[0].screenshot({ path: `${SHOTS}/student-split.png` })

  // 4. Heal: everyone converges.
  await wall.getByRole('button', { name: 'Heal' }).click()
  const splitParts = students.map((_, i) => `[split ${i} g${groups[i]}]`)
  await expect.poll(() => allHave([...students, wall], splitParts), { timeout: 30_000 }).toBe(true)
  await expect(wall.getByTestId('room-verdict')).toHaveText(new RegExp(`A = A′ for all ${STUDENTS + 1} replicas`), { timeout: 30_000 })

  // 5. A phone that sleeps for 60 s: its page runs no code and its network is gone (headless
  // Chromium does not freeze a visible page with Page.setWebLifecycleState, so the debugger
  // pauses it). The wall shows it away, then back; it catches up on waking.
  const sleeper = students[STUDENTS - 1]
  const sleeperId = ids[STUDENTS - 1]
  const cdp = await sleeper.context().newCDPSession(sleeper)
  await cdp.send('Debugger.enable')
  await cdp.send('Debugger.pause')
  school.setLink(school.students[STUDENTS - 1], false)
  const frozenAt = Date.now()
  await appendText(students[0], '[while asleep]')
  await expect(tileOf(wall, sleeperId)).not.toHaveClass(/tile-here/, { timeout: 50_000 })
  await wall.waitForTimeout(Math.max(0, 60_000 - (Date.now() - frozenAt)))
  school.setLink(school.students[STUDENTS - 1], true)
  school.run(school.students[STUDENTS - 1], ['ip', 'route', 'replace', 'default', 'via', '10.200.0.1'])
  await cdp.send('Debugger.resume')
  await cdp.send('Debugger.disable')
  const wokeAt = Date.now()
  await expect.poll(() => textOf(sleeper), { timeout: 15_000 }).toContain('[while asleep]')
  console.log(`a page frozen for ${Math.round((wokeAt - frozenAt) / 1000)} s caught up ${Date.now() - wokeAt} ms after waking`)
  await expect(tileOf(wall, sleeperId)).toHaveClass(/tile-here/, { timeout: 15_000 })

  // 6. The laptop's server restarts mid-class: every page reconnects by itself; the class converges.
  await stopServer(net.server)
  await appendText(students[1], '[during restart]')
  net.server = await startServer(school)
  await appendText(students[2], '[after restart]')
  await expect.poll(() => allHave([...students, wall], ['[during restart]', '[after restart]']), { timeout: 45_000 }).toBe(true)
  // The wall registers its short link again with the new server once its relay reconnects.
  const shortAnswer = () => students[3].evaluate((u) => fetch(u, { redirect: 'manual' }).then((r) => r.type), `http://${shortText}`)
  await expect.poll(shortAnswer, { timeout: 20_000 }).toBe('opaqueredirect')
  await students[3].goto(`http://${shortText}`)
  await expect(students[3].getByLabel('Shared text')).toBeVisible({ timeout: 30_000 })
  expect(new URL(students[3].url()).searchParams.get('room')).toBe(room)
  await wall.screenshot({ path: `${SHOTS}/wall-after-restart.png` })
})
