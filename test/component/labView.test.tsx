// @vitest-environment happy-dom
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { type LabApp, type LabOptions, startLab } from '../../src/app/lab/startLab'
import { counterValue, listNotes, sharedText } from '../../src/core/schema'
import { SCENARIOS } from '../../src/core/sim'
import { LabStoreProvider } from '../../src/ui/lab/labContext'
import { LabView } from '../../src/ui/lab/LabView'

/** A lab driven by hand: frames run when the test says, on a wall clock the test moves. */
const open: LabApp[] = []
afterEach(() => {
  for (const app of open.splice(0)) app.destroy()
})

const startManual = (opts: LabOptions = {}) => {
  let wall = 0
  const app = startLab({ seed: 5, replicas: 3, autoplay: false, wallNow: () => wall, frames: () => ({ request: () => {}, destroy: () => {} }), ...opts })
  open.push(app)
  render(
    <LabStoreProvider value={app.store}>
      <LabView />
    </LabStoreProvider>,
  )
  /** Runs `n` frames of `dtMs` wall time each (React commits after each). */
  const frames = async (n = 1, dtMs = 16) => {
    for (let i = 0; i < n; i++) {
      await act(async () => {
        wall += dtMs
        app.frame()
      })
    }
  }
  return { app, frames, setWall: (w: number) => (wall = w) }
}

/** Runs frames until `done()` (reading a file resolves on the event loop, between frames). */
const framesUntil = async (frames: (n?: number) => Promise<void>, done: () => boolean, max = 400) => {
  for (let i = 0; i < max && !done(); i++) {
    await frames(1)
    await new Promise((r) => setTimeout(r, 1))
  }
}

const replica = (name: string) => screen.getByRole('article', { name: `Replica ${name}` })
const textOf = (name: string) => within(replica(name)).getByRole('textbox', { name: 'Shared text' }) as HTMLTextAreaElement
const matrixCells = () => [...screen.getByRole('table', { name: 'A = A′ matrix' }).querySelectorAll('td')]
const typeInto = (el: HTMLTextAreaElement, value: string) => {
  el.focus()
  el.value = value
  el.setSelectionRange(value.length, value.length)
  fireEvent.input(el)
}

describe('the lab view over a simulation', () => {
  test('renders a card per replica with its own "Shared text", counter and notes, and both matrices', async () => {
    const { frames } = startManual()
    await frames(1)
    expect(screen.getAllByRole('article')).toHaveLength(3)
    for (const name of ['A', 'A′', 'A″']) {
      const card = replica(name)
      expect(within(card).getByRole('textbox', { name: 'Shared text' })).toBeTruthy()
      expect(within(card).getByLabelText('Counter value').textContent).toBe('0')
      expect(within(card).getByRole('button', { name: '+ Add note' })).toBeTruthy()
    }
    const cells = matrixCells()
    expect(cells).toHaveLength(9)
    expect(cells.every((c) => c.textContent === '=')).toBe(true)
    expect(screen.getByTestId('lab-verdict').getAttribute('data-verdict')).toBe('equal')
    // State vectors: the same replicas, by name and in order, on both axes; nothing written yet.
    const sv = screen.getByRole('table', { name: 'State vectors' })
    expect([...sv.querySelectorAll('thead th')].slice(1).map((th) => th.textContent)).toEqual(['A', 'A′', 'A″'])
    expect([...sv.querySelectorAll('tbody th')].map((th) => th.textContent)).toEqual(['A', 'A′', 'A″'])
    expect([...sv.querySelectorAll('td')].map((td) => td.textContent)).toEqual(Array(9).fill('0'))
  })

  test('a hand edit shows A ≠ A′ while its messages fly, then the matrix and the state vectors settle as time advances', async () => {
    const { app, frames } = startManual()
    await frames(1)
    typeInto(textOf('A'), 'hello')
    const sim = app.sim()
    expect(sharedText(sim.replica(0)!.doc).toString()).toBe('hello')
    expect(sim.log.inFlight).toBe(2)
    await frames(1)
    expect(screen.getByTestId('lab-verdict').getAttribute('data-verdict')).toBe('differs')
    const a = matrixCells().filter((c) => c.getAttribute('data-equal') === 'false')
    expect(a.length).toBe(4) // A vs A′, A vs A″, both ways
    fireEvent.pointerOver(a[0])
    expect(a[0].title).toMatch(/lacks 5 updates from replica \d+ \(A\)/)
    expect(document.querySelector('.matrix-words')?.textContent).toBe(a[0].title)
    const gaps = [...document.querySelectorAll('table.sv-matrix td.sv-gap')]
    expect(gaps.map((g) => g.textContent)).toEqual(['lacks 5', 'lacks 5'])

    // Nothing moves while paused; playing at speed 0.25 for ~1 s of wall time delivers (latency ≤ 120 ms virtual).
    await act(async () => app.store.getState().actions.play())
    await frames(60, 16)
    expect(sim.now).toBeGreaterThan(200)
    expect(screen.getByTestId('lab-verdict').getAttribute('data-verdict')).toBe('equal')
    expect(matrixCells().every((c) => c.textContent === '=')).toBe(true)
    expect(textOf('A″').value).toBe('hello')
    expect(document.querySelectorAll('table.sv-matrix td.sv-gap')).toHaveLength(0)
  })

  test('counter and notes buttons edit that replica only, and the others follow', async () => {
    const { app, frames } = startManual()
    await frames(1)
    fireEvent.click(within(replica('A′')).getByRole('button', { name: '+1' }))
    fireEvent.click(within(replica('A′')).getByRole('button', { name: '+1' }))
    fireEvent.click(within(replica('A″')).getByRole('button', { name: '+ Add note' }))
    await frames(1)
    expect(within(replica('A′')).getByLabelText('Counter value').textContent).toBe('2')
    expect(within(replica('A')).getByLabelText('Counter value').textContent).toBe('0')
    expect(within(replica('A″')).getAllByRole('textbox', { name: 'Note text' })).toHaveLength(1)
    await act(async () => app.store.getState().actions.play())
    await frames(60)
    expect(within(replica('A')).getByLabelText('Counter value').textContent).toBe('2')
    expect(within(replica('A')).getAllByRole('textbox', { name: 'Note text' })).toHaveLength(1)
    // Recorded as actions (for export), not as raw hand edits.
    expect(app.sim().actions.map((r) => r.action.type)).toEqual(['edit', 'edit', 'edit'])
  })

  test('Partition splits the replicas, edits on both sides stay apart, Heal brings A = A′ back', async () => {
    const { app, frames } = startManual({ replicas: 4 })
    await frames(1)
    fireEvent.click(screen.getByRole('button', { name: 'Partition' }))
    await frames(1)
    expect(app.store.getState().groups).toEqual([
      [0, 1],
      [2, 3],
    ])
    typeInto(textOf('A'), 'left')
    typeInto(textOf('A‴'), 'right')
    await act(async () => app.store.getState().actions.play())
    await frames(60)
    expect(textOf('A′').value).toBe('left')
    expect(textOf('A″').value).toBe('right')
    expect(screen.getByTestId('lab-verdict').getAttribute('data-verdict')).toBe('differs')
    expect(app.sim().log.messages.some((m) => m.dropReason === 'partition')).toBe(true)
    fireEvent.click(screen.getByRole('button', { name: 'Heal' }))
    await frames(90)
    expect(screen.getByTestId('lab-verdict').getAttribute('data-verdict')).toBe('equal')
    const texts = ['A', 'A′', 'A″', 'A‴'].map((n) => textOf(n).value)
    expect(new Set(texts).size).toBe(1)
    expect(texts[0]).toContain('left')
    expect(texts[0]).toContain('right')
    expect(app.store.getState().marks.map((m) => m.kind)).toEqual(['partition', 'heal'])
  })

  test('cutting a link in the network picture drops what crosses it; clicking again restores it', async () => {
    const { app, frames } = startManual()
    await frames(1)
    fireEvent.click(screen.getByRole('button', { name: 'Cut link A–A′' }))
    await frames(1)
    expect(app.store.getState().cuts).toEqual([[0, 1]])
    typeInto(textOf('A'), 'x')
    expect(app.sim().log.messages.find((m) => m.to === 1)?.dropReason).toBe('cut')
    fireEvent.click(screen.getByRole('button', { name: 'Restore link A–A′' }))
    await act(async () => app.store.getState().actions.play())
    await frames(60)
    expect(textOf('A′').value).toBe('x')
  })

  test('a group select moves one replica into a group of its own', async () => {
    const { app, frames } = startManual()
    await frames(1)
    fireEvent.change(screen.getByRole('combobox', { name: 'Group of A″' }), { target: { value: '1' } })
    await frames(1)
    expect(app.store.getState().groups).toEqual([[0, 1], [2]])
    fireEvent.change(screen.getByRole('combobox', { name: 'Group of A″' }), { target: { value: '0' } })
    await frames(1)
    expect(app.store.getState().groups).toBeNull()
  })

  test('link settings, anti-entropy, replicas and the seed reach the simulation', async () => {
    const { app, frames } = startManual()
    await frames(1)
    fireEvent.change(screen.getByLabelText('Loss'), { target: { value: '0.3' } })
    expect(app.sim().network.defaultLink.loss).toBe(0.3)
    fireEvent.change(screen.getByRole('combobox', { name: 'Link to set' }), { target: { value: '0>2' } })
    fireEvent.change(screen.getByLabelText('Latency'), { target: { value: '500' } })
    expect(app.sim().network.linkParams(0, 2).latencyMs).toBe(500)
    expect(app.sim().network.linkParams(2, 0).latencyMs).toBe(500)
    expect(app.sim().network.linkParams(0, 1).latencyMs).toBe(80)
    fireEvent.click(screen.getByRole('switch', { name: 'Anti-entropy' }))
    expect(app.sim().antiEntropy.on).toBe(true)
    fireEvent.click(screen.getByRole('button', { name: '+ Add replica' }))
    await frames(1)
    expect(screen.getAllByRole('article')).toHaveLength(4)
    fireEvent.click(screen.getByRole('button', { name: 'Remove A′' }))
    await frames(1)
    expect(screen.getAllByRole('article').map((a) => a.getAttribute('aria-label'))).toEqual(['Replica A', 'Replica A″', 'Replica A‴'])
    fireEvent.change(screen.getByRole('textbox', { name: 'Seed' }), { target: { value: '77' } })
    fireEvent.click(screen.getByRole('button', { name: 'New run' }))
    await frames(1)
    expect(app.sim().config.seed).toBe(77)
    expect(app.sim().replicas).toHaveLength(3)
    expect(app.sim().antiEntropy.on).toBe(true)
    expect((screen.getByRole('textbox', { name: 'Seed' }) as HTMLInputElement).value).toBe('77')
  })

  test('the workload edits text, notes and counter at the chosen rate until stopped', async () => {
    const { app, frames } = startManual()
    await frames(1)
    fireEvent.change(screen.getByLabelText('Edits per s'), { target: { value: '50' } })
    fireEvent.click(screen.getByRole('button', { name: 'Start workload' }))
    await act(async () => app.store.getState().actions.setSpeed(2))
    await act(async () => app.store.getState().actions.play())
    await frames(60)
    expect(app.sim().workload?.params.rate).toBe(50)
    const done = app.sim().workload?.done ?? 0
    expect(done).toBeGreaterThan(30)
    fireEvent.click(screen.getByRole('button', { name: 'Stop workload' }))
    await frames(2)
    expect(app.sim().workload).toBeNull()
    expect(screen.getByText(`${app.store.getState().workload.done} edits made`)).toBeTruthy()
  })

  test('a scenario opens with its explanation, and its claim is checked when time reaches its settling point', async () => {
    const s = SCENARIOS.find((x) => x.id === 'partition-heal')!
    const { app, frames } = startManual()
    fireEvent.click(screen.getByRole('button', { name: s.title }))
    await frames(1)
    const card = screen.getByTestId('scenario')
    expect(within(card).getByText(s.explanation[0])).toBeTruthy()
    expect(card.querySelector('[data-outcome]')?.getAttribute('data-outcome')).toBe('pending')
    expect(app.sim().replicas).toHaveLength(4)
    await act(async () => app.store.getState().actions.setSpeed(10))
    await frames(40, 16)
    expect(app.sim().now).toBeGreaterThanOrEqual(s.settleAt)
    expect(card.querySelector('[data-outcome]')?.getAttribute('data-outcome')).toBe('held')
  })

  test('the claim is judged for the moment shown: seeking back before its settling point makes it pending again, forward held again', async () => {
    const s = SCENARIOS.find((x) => x.id === 'partition-heal')!
    const { app, frames } = startManual()
    fireEvent.click(screen.getByRole('button', { name: s.title }))
    await frames(1)
    await act(async () => app.store.getState().actions.setSpeed(10))
    await frames(40, 16)
    const claim = () => screen.getByTestId('scenario').querySelector('[data-outcome]')?.getAttribute('data-outcome')
    expect(claim()).toBe('held')
    await act(async () => app.store.getState().actions.pause())
    const end = app.sim().now
    await act(async () => app.store.getState().actions.seek(Math.floor(s.settleAt / 2)))
    await frames(2)
    expect(app.sim().now).toBeLessThan(s.settleAt)
    expect(claim()).toBe('pending')
    await act(async () => app.store.getState().actions.seek(end))
    await frames(2)
    expect(claim()).toBe('held')
  })

  test("a replica's colour never changes within a run: loading a scenario with fixed client ids keeps A blue", async () => {
    const { app, frames } = startManual()
    await frames(1)
    const before = app.store.getState().replicas.map((r) => r.color)
    for (const id of ['map-conflict', 'delete-vs-edit']) {
      const sc = SCENARIOS.find((x) => x.id === id)
      if (sc === undefined) throw new Error(`no scenario ${id}: ${SCENARIOS.map((x) => x.id).join(', ')}`)
      fireEvent.click(screen.getByRole('button', { name: sc.title }))
      await frames(2)
      const colors = app.store.getState().replicas.map((r) => r.color)
      expect(colors.slice(0, 3)).toEqual(before.slice(0, 3))
    }
  })

  test('the store is what a from-scratch projection gives, after a random run (incremental = from scratch)', async () => {
    const { app, frames } = startManual({ replicas: 5 })
    await act(async () => {
      app.store.getState().actions.setWorkload(40, { text: 3, notes: 4, counter: 3 })
      app.store.getState().actions.startWorkload()
      app.store.getState().actions.setLinkDefaults({ loss: 0.2 })
      app.store.getState().actions.setSpeed(5)
      app.store.getState().actions.play()
    })
    await frames(50)
    await act(async () => app.store.getState().actions.pause())
    await frames(1)
    const s = app.store.getState()
    const sim = app.sim()
    for (const r of sim.replicas) {
      expect(s.content[r.id].notes).toEqual(listNotes(r.doc))
      expect(s.content[r.id].counter).toBe(counterValue(r.doc))
      expect(s.states[r.id].digest).toBe(r.digest())
    }
    expect(s.equality.distinct).toBe(sim.distinctStates())
    expect(s.numbers.inFlight).toBe(sim.log.inFlight)
    expect(s.numbers.messages).toBe(sim.log.length)
  })
})

describe('traces and runs', () => {
  // Both writers type at position 0 before hearing from each other: Yjs breaks the tie by
  // clientID, and endContent ("ab!") assumes the writers' ids rise with their agent numbers.
  const concurrentTrace = JSON.stringify({
    kind: 'concurrent',
    endContent: 'ab!',
    numAgents: 2,
    txns: [
      { agent: 0, parents: [], patches: [[0, 0, 'a']] },
      { agent: 1, parents: [], patches: [[0, 0, 'b']] },
      { agent: 0, parents: [0, 1], patches: [[2, 0, '!']] },
    ],
  })

  test.each([5, 6, 7, 8])('"Import trace" types a concurrent trace, one replica per writer, and every replica ends in endContent (seed %i)', async (seed) => {
    const { app, frames } = startManual({ seed })
    await frames(1)
    const input = screen.getByLabelText(/Import trace/) as HTMLInputElement
    fireEvent.change(input, { target: { files: [new File([concurrentTrace], 'tiny.json', { type: 'application/json' })] } })
    await act(async () => app.store.getState().actions.play())
    await framesUntil(frames, () => app.store.getState().trace?.phase === 'done')
    const card = screen.getByTestId('trace')
    expect(card.getAttribute('data-phase')).toBe('done')
    expect(within(card).getByText(/every replica's text equals the trace's end content/)).toBeTruthy()
    for (const name of ['A', 'A′', 'A″']) expect(textOf(name).value).toBe('ab!')
    expect(app.sim().config.seed).toBe(seed)
    expect(app.store.getState().exportBlocked).not.toBeNull()
  })

  test('a malformed trace file gets a clear message and leaves the run alone', async () => {
    const { app, frames } = startManual()
    await frames(1)
    const before = app.sim()
    fireEvent.change(screen.getByLabelText(/Import trace/), { target: { files: [new File(['{"txns": [1, 2'], 'broken.json')] } })
    await framesUntil(frames, () => app.store.getState().trace?.phase === 'failed')
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/Could not import “broken\.json”: not JSON/)
    expect(app.sim()).toBe(before)
  })

  test('"Export run" saves seed, config and actions; "Import run" replays it to the same digests and log', async () => {
    const download = vi.fn()
    const { app, frames } = startManual({ download })
    await frames(1)
    typeInto(textOf('A'), 'recorded')
    fireEvent.click(within(replica('A″')).getByRole('button', { name: '−1' }))
    fireEvent.click(screen.getByRole('button', { name: 'Partition' }))
    await act(async () => app.store.getState().actions.play())
    await frames(30)
    fireEvent.click(screen.getByRole('button', { name: 'Export run' }))
    expect(download).toHaveBeenCalledTimes(1)
    const [name, text] = download.mock.calls[0] as [string, string]
    expect(name).toMatch(/^aprime-lab-run-seed5-t\d+\.json$/)
    const run = JSON.parse(text)
    expect(run.config.seed).toBe(5)
    expect(run.version).toBe(2)
    expect(run.branches).toHaveLength(1)
    expect(run.branches[0].actions.map((a: { action: { type: string } }) => a.action.type)).toEqual(['handEdit', 'edit', 'partition'])
    const digests = app.sim().replicas.map((r) => r.digest())
    const log = JSON.stringify(app.sim().log.messages.map((m) => [m.from, m.to, m.sentAt, m.receivedAt, m.droppedAt]))

    fireEvent.change(screen.getByLabelText('Import run'), { target: { files: [new File([text], name)] } })
    await screen.findByText(/every replica's digest matches the recording/)
    expect(app.sim().replicas.map((r) => r.digest())).toEqual(digests)
    expect(JSON.stringify(app.sim().log.messages.map((m) => [m.from, m.to, m.sentAt, m.receivedAt, m.droppedAt]))).toBe(log)
    expect(textOf('A′').value).toBe('recorded')
    expect(textOf('A″').value).toBe('') // across the partition
  })

  test('a file that is not a run is refused with the reason', async () => {
    const { frames } = startManual()
    await frames(1)
    fireEvent.change(screen.getByLabelText('Import run'), { target: { files: [new File(['{"format":"other"}'], 'x.json')] } })
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/Could not import the run “x\.json”: not a lab run/)
  })
})
