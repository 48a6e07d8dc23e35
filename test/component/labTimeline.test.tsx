// @vitest-environment happy-dom
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { type LabApp, type LabOptions, startLab } from '../../src/app/lab/startLab'
import { LabStoreProvider } from '../../src/ui/lab/labContext'
import { LabView } from '../../src/ui/lab/LabView'

const open: LabApp[] = []
afterEach(() => {
  for (const app of open.splice(0)) app.destroy()
})

/** A lab driven by hand: frames run when the test says, on a wall clock the test moves. */
const startManual = (opts: LabOptions = {}) => {
  let wall = 0
  const app = startLab({ seed: 5, replicas: 3, autoplay: false, wallNow: () => wall, frames: () => ({ request: () => {}, destroy: () => {} }), ...opts })
  open.push(app)
  render(
    <LabStoreProvider value={app.store}>
      <LabView />
    </LabStoreProvider>,
  )
  const frames = async (n = 1, dtMs = 16) => {
    for (let i = 0; i < n; i++) {
      await act(async () => {
        wall += dtMs
        app.frame()
      })
    }
  }
  return { app, frames }
}

const slider = () => screen.getByRole('slider', { name: 'Time' }) as HTMLInputElement
const verdict = () => screen.getByRole('table', { name: 'A = A′ matrix' })
const neqCells = () => verdict().querySelectorAll('td.cell-neq').length
const replica = (name: string) => screen.getByRole('article', { name: `Replica ${name}` })
const textOf = (name: string) => within(replica(name)).getByRole('textbox', { name: 'Shared text' }) as HTMLTextAreaElement

/** Partition, an edit on each side, heal, and run until converged: the story the timeline replays. */
const story = async (app: LabApp, frames: (n?: number, dt?: number) => Promise<void>) => {
  const a = app.store.getState().actions
  await act(async () => a.partitionHalves())
  await act(async () => a.addToCounter(0, 1))
  await act(async () => a.addToCounter(2, -1))
  await act(async () => a.setSpeed(1))
  await act(async () => a.play())
  await frames(40, 16)
  await act(async () => a.heal())
  await frames(60, 16)
  await act(async () => a.pause())
  await frames(1)
}

describe('the timeline under the diagram', () => {
  test('dragging back to the partition shows A ≠ A′ again in the matrix, the cards and the clock; End comes back', async () => {
    const { app, frames } = startManual()
    await frames(1)
    await story(app, frames)
    expect(neqCells()).toBe(0)
    const end = Number(slider().max)
    expect(end).toBeGreaterThan(600)
    fireEvent.change(slider(), { target: { value: '300' } })
    await frames(2)
    expect(app.sim().now).toBe(300)
    expect(slider().value).toBe('300')
    expect(neqCells()).toBeGreaterThan(0)
    expect(screen.getByText(/Looking back/)).toBeTruthy()
    expect(within(replica('A″')).getByText('−1')).toBeTruthy()
    fireEvent.keyDown(slider(), { key: 'End' })
    await frames(2)
    expect(app.sim().now).toBe(end)
    expect(neqCells()).toBe(0)
    expect(screen.queryByText(/Looking back/)).toBeNull()
  })

  test('arrow keys step one event back and forward', async () => {
    const { app, frames } = startManual()
    await frames(1)
    await story(app, frames)
    const p = app.sim().position
    fireEvent.keyDown(slider(), { key: 'ArrowLeft' })
    await frames(1)
    expect(app.sim().position).toBe(p - 1)
    fireEvent.keyDown(slider(), { key: 'ArrowLeft' })
    fireEvent.keyDown(slider(), { key: 'ArrowRight' })
    await frames(1)
    expect(app.sim().position).toBe(p - 1)
  })

  test('a change in the past forks; the old future is a branch to return to', async () => {
    const { app, frames } = startManual()
    await frames(1)
    await story(app, frames)
    fireEvent.change(slider(), { target: { value: '200' } })
    await frames(2)
    const typed = textOf('A')
    typed.focus()
    typed.value = 'fork!'
    typed.setSelectionRange(5, 5)
    fireEvent.input(typed)
    await frames(1)
    const group = screen.getByRole('group', { name: 'Branches' })
    const buttons = within(group).getAllByRole('button')
    expect(buttons.map((b) => b.textContent)).toEqual(['Run', 'Fork 1 at 0.20 s'])
    expect(buttons[1].getAttribute('aria-pressed')).toBe('true')
    expect(screen.getByText(/Forked/)).toBeTruthy()
    fireEvent.click(buttons[0])
    await frames(2)
    expect(textOf('A').value).toBe('')
    expect(neqCells()).toBe(0)
    fireEvent.click(within(screen.getByRole('group', { name: 'Branches' })).getByRole('button', { name: 'Fork 1 at 0.20 s' }))
    await frames(2)
    expect(textOf('A').value).toBe('fork!')
  })

  test('a seek past the end says so and shows the end', async () => {
    const { app, frames } = startManual()
    await frames(1)
    await story(app, frames)
    const end = app.timeline().end
    await act(async () => app.store.getState().actions.seek(end + 5000))
    await frames(1)
    expect(app.sim().now).toBe(end)
    expect(screen.getByText(/The run ends at/)).toBeTruthy()
  })
})
