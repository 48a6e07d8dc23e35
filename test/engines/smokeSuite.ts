import { mkdirSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { type Browser, type EngineName, launch, type Tab } from './browsers'
import { BASE, PHONE_FRAME, SITE_URL, serveSite } from './servers'
import {
  button,
  clickButton,
  docText,
  expectNoPageErrors,
  linkTo,
  openLive,
  SHARED_TEXT,
  shownText,
  uniqueRoom,
  until,
  untilText,
  verdictOf,
} from './steps'

export const SHOTS = '/tmp/shots-engines'

/**
 * What every engine must do: each view renders, throws nothing, and its main action works; the
 * live room survives a reload (IndexedDB); two tabs of one browser converge (BroadcastChannel)
 * and converge again after one went offline. One suite, run by firefox.spec.ts and webkit.spec.ts.
 */
export const smokeSuite = (engine: EngineName) =>
  describe(`${engine}: every view, persistence, tabs of one browser`, () => {
    let browser: Browser
    let site: { close: () => Promise<void> }
    const tabs: Tab[] = []
    const newTab = async () => {
      const t = await browser.newTab()
      tabs.push(t)
      return t
    }
    const shot = (tab: Tab, name: string) => tab.screenshot(`${SHOTS}/${engine}-${name}.png`)

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true })
      site = await serveSite()
      browser = await launch(engine)
    }, 60_000)
    afterAll(async () => {
      await browser?.close()
      await site?.close()
    }, 30_000)
    // Each test starts with no page of an earlier one still running.
    afterEach(async () => {
      for (const t of tabs.splice(0)) await t.close()
    })

    test('live room: renders, typing and the counter change the replica', async () => {
      const tab = await newTab()
      await openLive(tab, linkTo({ room: uniqueRoom('live'), signaling: '' }))
      // Repeated letters on purpose: WebKitWebDriver's key actions would merge them.
      const typed = `hello, ${engine}! aa bb`
      await tab.type(SHARED_TEXT, typed)
      await untilText(tab, typed)
      await clickButton(tab, '+1')
      await clickButton(tab, '+1')
      await until(tab, 'the counter shows 2', '2', () => document.querySelector('[aria-label="Counter value"]')?.textContent)
      expect(await verdictOf(tab)).toBe('alone')
      await shot(tab, 'live')
      await expectNoPageErrors(tab)
    })

    test('presenter: the wall shows a student tab, Split reaches it, Heal brings it back', async () => {
      const wall = await newTab()
      await wall.goto(linkTo({ view: 'present', room: uniqueRoom('present'), signaling: '' }))
      await until(wall, 'the wall runs', true, () => document.querySelector('[data-testid="room-verdict"]') !== null && (window as any).aprime?.doc !== undefined)
      const link = await wall.run(() => document.querySelector('[data-testid="student-link"]')?.textContent ?? '')
      expect(link).toContain('teacher=')
      const student = await newTab()
      await openLive(student, link)
      await until(wall, 'two tiles', 2, () => document.querySelectorAll('[data-testid="tile"]').length)
      await until(wall, 'the room-wide verdict', true, () => /A = A′ for all 2 replicas/.test(document.querySelector('[data-testid="room-verdict"]')?.textContent ?? ''))
      await clickButton(wall, 'Split the class in two')
      await until(student, 'the student follows the split', true, () =>
        /split the class into 2 groups/.test(document.querySelector('[data-testid="network-banner"]')?.textContent ?? ''),
      )
      await shot(wall, 'present')
      await clickButton(wall, 'Heal')
      await until(student, 'the banner goes after Heal', 0, () => document.querySelectorAll('[data-testid="network-banner"]').length)
      await student.run(() => {
        const t = (window as any).aprime.doc.getText('text')
        t.insert(t.length, 'from the student')
      })
      await until(wall, 'the wall has the student’s edit', 'from the student', () => (window as any).aprime.doc.getText('text').toString())
      await until(wall, 'the room-wide verdict after Heal', true, () => /A = A′ for all 2 replicas/.test(document.querySelector('[data-testid="room-verdict"]')?.textContent ?? ''))
      await expectNoPageErrors(wall)
      await expectNoPageErrors(student)
    })

    test('presenter: a student’s tile dragged onto "Cut off" cuts it off (the engine’s own DragEvent and DataTransfer)', async () => {
      // Neither driver here can finish a native drag: Firefox's starts it (dragstart, then dragover
      // accepted by "Cut off") but never drops; WebKitGTK's stops after dragstart. So the drag is
      // dispatched in the page, as the engine's own DragEvents sharing one DataTransfer: what the
      // tile puts in on dragstart is what "Cut off" reads on drop.
      const wall = await newTab()
      await wall.goto(linkTo({ view: 'present', room: uniqueRoom('present-drag'), signaling: '' }))
      await until(wall, 'the wall runs', true, () => document.querySelector('[data-testid="room-verdict"]') !== null && (window as any).aprime?.doc !== undefined)
      const link = await wall.run(() => document.querySelector('[data-testid="student-link"]')?.textContent ?? '')
      const student = await newTab()
      await openLive(student, link)
      const id = await student.run(() => (window as any).aprime.doc.clientID as number)
      await until(wall, 'two tiles', 2, () => document.querySelectorAll('[data-testid="tile"]').length)
      const steps = await wall.run((id: number) => {
        const tile = document.querySelector(`[data-testid="tile"][data-client="${id}"]`)!
        const bucket = document.querySelector('[data-testid="bucket-cut"]')!
        const dt = new DataTransfer()
        const fire = (el: Element, type: string) => {
          const e = new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt })
          el.dispatchEvent(e)
          return e.defaultPrevented
        }
        fire(tile, 'dragstart')
        const types = [...dt.types]
        const accepted = fire(bucket, 'dragover')
        fire(bucket, 'drop')
        fire(tile, 'dragend')
        return { types, accepted }
      }, id)
      expect(steps.types).toContain('application/x-aprime-replica')
      expect(steps.accepted, '"Cut off" accepts a tile (dragover prevented)').toBe(true)
      await until(student, 'the student is cut off', true, () =>
        /cut this replica off/.test(document.querySelector('[data-testid="network-banner"]')?.textContent ?? ''),
      )
      await until(wall, 'the wall counts it in "Cut off"', true, () => /\(1\)/.test(document.querySelector('[data-testid="bucket-cut"]')?.textContent ?? ''))
      await expectNoPageErrors(wall)
      await expectNoPageErrors(student)
    })

    test('lab: typing into replica A reaches A′ over the simulated network; Partition and Heal', async () => {
      const tab = await newTab()
      await tab.goto(linkTo({ view: 'lab' }))
      const textOf = (name: string) =>
        tab.run((name: string) => (document.querySelector(`article[aria-label="Replica ${name}"] textarea[aria-label="Shared text"]`) as HTMLTextAreaElement | null)?.value ?? null, name)
      await until(tab, 'replica A is shown', true, () => document.querySelector('article[aria-label="Replica A"]') !== null)
      await tab.type('article[aria-label="Replica A"] textarea[aria-label="Shared text"]', 'typed in the lab ')
      await expect.poll(() => textOf('A′'), { timeout: 20_000 }).toBe('typed in the lab ')
      await until(tab, 'the lab says A = A′', 'equal', () => (document.querySelector('[data-testid="lab-verdict"]') as HTMLElement | null)?.dataset.verdict)
      await clickButton(tab, 'Partition')
      await tab.type('article[aria-label="Replica A"] textarea[aria-label="Shared text"]', 'left ')
      await until(tab, 'the lab sees the partition', 'differs', () => (document.querySelector('[data-testid="lab-verdict"]') as HTMLElement | null)?.dataset.verdict)
      await clickButton(tab, 'Heal')
      await until(tab, 'healed, every replica equal', 'equal', () => (document.querySelector('[data-testid="lab-verdict"]') as HTMLElement | null)?.dataset.verdict)
      for (const name of ['A′', 'A″', 'A‴']) expect(await textOf(name)).toBe('typed in the lab left ')
      await shot(tab, 'lab')
      await expectNoPageErrors(tab)
    })

    test('lecture: virtual time runs; "Kill the database" takes the shared database down', async () => {
      const tab = await newTab()
      await tab.goto(linkTo({ view: 'lecture' }))
      await until(tab, 'six approaches', 6, () => document.querySelectorAll('article').length)
      await expect.poll(() => tab.run(() => (window as any).aprimeLecture?.store.getState().frame.now ?? 0), { timeout: 20_000 }).toBeGreaterThan(1500)
      const availability = () =>
        tab.run(() => document.querySelectorAll('table tbody tr[data-approach="shared-db"]')[0]?.querySelectorAll('td')[4]?.textContent ?? null)
      await expect.poll(availability, { timeout: 20_000 }).toBe('100%')
      const kill = await button(tab, 'Kill the database')
      await tab.click(kill)
      await until(tab, 'the fault is on', 'true', (sel: string) => document.querySelector(sel)?.getAttribute('aria-pressed') ?? null, kill)
      await expect.poll(availability, { timeout: 20_000 }).toBe('0%')
      await shot(tab, 'lecture')
      await expectNoPageErrors(tab)
    })

    test('persistence: the room survives a reload (IndexedDB)', async () => {
      const tab = await newTab()
      const room = uniqueRoom('reload')
      await openLive(tab, linkTo({ room, signaling: '' }))
      await until(tab, 'saved on this device', 'saved', () => (document.querySelector('[data-testid="saved-state"]') as HTMLElement | null)?.dataset.state)
      await tab.type(SHARED_TEXT, 'kept across a reload')
      await clickButton(tab, '+1')
      await untilText(tab, 'kept across a reload')
      await until(tab, 'the counter shows 1', '1', () => document.querySelector('[aria-label="Counter value"]')?.textContent)
      // Saved: the newest row of the room's database holds the edit (y-indexeddb writes as updates come).
      await until(tab, 'saved after the edits', 'saved', () => (document.querySelector('[data-testid="saved-state"]') as HTMLElement | null)?.dataset.state)
      await tab.reload()
      await until(tab, 'the reloaded room runs', true, () => (window as any).aprime?.doc !== undefined)
      await untilText(tab, 'kept across a reload')
      await until(tab, 'the counter still shows 1', '1', () => document.querySelector('[aria-label="Counter value"]')?.textContent)
      await expectNoPageErrors(tab)
    })

    test('notes: add one, write in it, drag it by its grip; the document holds where it went', async () => {
      const tab = await newTab()
      await openLive(tab, linkTo({ room: uniqueRoom('drag'), signaling: '' }))
      await clickButton(tab, '+ Add note')
      await until(tab, 'one note', 1, () => document.querySelectorAll('.note').length)
      await tab.type('.note textarea, .note [aria-label="Note text"]', 'dragged')
      const note = () =>
        tab.run(() => {
          const notes = (window as any).aprime.doc.getMap('notes')
          const n = [...notes.values()][0]
          return { text: n.get('text') as string, x: n.get('x') as number, y: n.get('y') as number }
        })
      await expect.poll(async () => (await note()).text).toBe('dragged')
      const before = await note()
      await tab.drag('.note .note-grip .grip-dots', 120, 40)
      await expect.poll(async () => [(await note()).x - before.x, (await note()).y - before.y], { timeout: 10_000 }).toEqual([120, 40])
      await until(tab, 'the note is drawn where the document says', true, () => {
        const el = document.querySelector('.note') as HTMLElement
        return el.style.left !== '' && el.style.top !== ''
      })
      await expectNoPageErrors(tab)
    })

    test('in a phone’s viewport (390 × 844): nothing wider than the screen, every control at least 44 px', async () => {
      // The room in a 390 × 844 frame: its media queries see a phone's width (WebKitGTK's window cannot be that narrow).
      const tab = await newTab()
      await tab.goto(`${SITE_URL.replace(BASE, PHONE_FRAME)}?src=${encodeURIComponent(linkTo({ room: uniqueRoom('phone'), signaling: '' }))}`)
      await until(tab, 'the room runs in the frame', true, () => {
        const w = (document.querySelector('iframe') as HTMLIFrameElement).contentWindow as any
        return w?.aprime?.doc !== undefined && w.innerWidth === 390
      })
      // A note (its one 44 px colour button), some text, an entry in the update log.
      await tab.run(() => {
        const d = (document.querySelector('iframe') as HTMLIFrameElement).contentDocument!
        ;[...d.querySelectorAll('button')].find((b) => b.textContent?.trim() === '+ Add note')!.click()
        ;((document.querySelector('iframe') as HTMLIFrameElement).contentWindow as any).aprime.doc.getText('text').insert(0, 'from a phone-sized window')
      })
      await until(tab, 'a note with its one colour button', 1, () =>
        (document.querySelector('iframe') as HTMLIFrameElement).contentDocument!.querySelectorAll('.note button[aria-label="Next colour"]').length,
      )
      const sideways = await tab.run(() => {
        const d = (document.querySelector('iframe') as HTMLIFrameElement).contentDocument!
        const w = d.documentElement.clientWidth
        const over = [...d.querySelectorAll('body *')]
          .map((el) => [el, el.getBoundingClientRect()] as const)
          .filter(([, r]) => r.right > w + 1 && r.width > 0)
          .slice(0, 8)
          .map(([el, r]) => `${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)}`)
        return { width: d.defaultView!.innerWidth, scroll: d.documentElement.scrollWidth - w, over }
      })
      // 390 with its scrollbar (Firefox here draws a classic 12 px one; WebKitGTK and phones overlay theirs).
      expect(sideways.width).toBe(390)
      // The page does not scroll sideways (the update log and state vectors scroll inside their own box on a phone).
      expect(sideways.scroll, `no sideways scroll; sticking out: ${sideways.over.join(', ')}`).toBe(0)
      const small = await tab.run(() =>
        [...(document.querySelector('iframe') as HTMLIFrameElement).contentDocument!.querySelectorAll('button, .switch, input:not([type="checkbox"]), textarea, summary')]
          .filter((el) => (el as HTMLElement).offsetParent !== null)
          .map((el) => ({ el: `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 20)}`, r: el.getBoundingClientRect() }))
          .filter(({ r }) => r.height < 44 || r.width < 44)
          .map(({ el, r }) => `${el} ${Math.round(r.width)}×${Math.round(r.height)}`),
      )
      expect(small, 'controls under 44 px').toEqual([])
      expect(await tab.run(() => ((document.querySelector('iframe') as HTMLIFrameElement).contentWindow as any).__pageErrors)).toEqual([])
      await shot(tab, 'phone')
      await expectNoPageErrors(tab)
    })

    test('the caret stays put when another tab inserts before it, and typing goes on where it was', async () => {
      const room = uniqueRoom('caret')
      const a = await newTab()
      const b = await newTab()
      await openLive(a, linkTo({ room, signaling: '' }))
      await openLive(b, linkTo({ room, signaling: '' }))
      await a.type(SHARED_TEXT, 'world')
      await untilText(b, 'world')
      const caret = () => a.run(() => (document.querySelector('textarea[aria-label="Shared text"]') as HTMLTextAreaElement).selectionStart)
      expect(await caret()).toBe(5)
      await b.run(() => (window as any).aprime.doc.getText('text').insert(0, 'hello '))
      await untilText(a, 'hello world')
      expect(await caret()).toBe(11)
      // Keys go on at the caret (type() would move it to the end, so send the key where it is).
      await a.run(() => (document.querySelector('textarea[aria-label="Shared text"]') as HTMLTextAreaElement).focus())
      await a.type(SHARED_TEXT, '!')
      await untilText(b, 'hello world!')
      await expectNoPageErrors(a)
      await expectNoPageErrors(b)
    })

    test('two tabs of one browser converge over BroadcastChannel, and again after one was offline', async () => {
      const room = uniqueRoom('tabs')
      const a = await newTab()
      const b = await newTab()
      await openLive(a, linkTo({ room, signaling: '' }))
      await openLive(b, linkTo({ room, signaling: '' }))
      await until(a, 'A sees B over BroadcastChannel', ['BroadcastChannel'], () => Object.values((window as any).aprime.connection.getSnapshot().peers))
      await a.type(SHARED_TEXT, 'from A')
      await untilText(b, 'from A')
      await b.type(SHARED_TEXT, ', and from B')
      await untilText(a, 'from A, and from B')
      await until(a, 'A says A = A′', 'equal', () => (document.querySelector('[data-testid="verdict"]') as HTMLElement | null)?.dataset.verdict)
      await until(b, 'B says A = A′', 'equal', () => (document.querySelector('[data-testid="verdict"]') as HTMLElement | null)?.dataset.verdict)

      // Offline: both edit, nothing crosses; back online, both have both edits.
      await a.click('label.switch input[role="switch"]')
      await until(a, 'A is offline', false, () => (window as any).aprime.connection.getSnapshot().online)
      await a.type(SHARED_TEXT, ' +A offline')
      await b.type(SHARED_TEXT, ' +B online')
      await until(a, 'A differs from what it last saw of B', 'differs', () => (document.querySelector('[data-testid="verdict"]') as HTMLElement | null)?.dataset.verdict)
      expect(await docText(b)).toBe('from A, and from B +B online')
      await a.click('label.switch input[role="switch"]')
      await until(a, 'A is online', true, () => (window as any).aprime.connection.getSnapshot().online)
      await expect.poll(() => docText(a), { timeout: 20_000 }).toMatch(/^from A, and from B( \+A offline \+B online| \+B online \+A offline)$/)
      const merged = await docText(a)
      await untilText(b, merged)
      expect(await shownText(a)).toBe(merged)
      await until(a, 'A says A = A′ again', 'equal', () => (document.querySelector('[data-testid="verdict"]') as HTMLElement | null)?.dataset.verdict)
      await until(b, 'B says A = A′ again', 'equal', () => (document.querySelector('[data-testid="verdict"]') as HTMLElement | null)?.dataset.verdict)
      await expectNoPageErrors(a)
      await expectNoPageErrors(b)
    })
  })
