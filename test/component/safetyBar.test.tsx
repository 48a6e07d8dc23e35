// @vitest-environment happy-dom
import { act, fireEvent, screen } from '@testing-library/react'
import { describe, expect, test, vi } from 'vitest'
import * as Y from 'yjs'
import { createSafetyStore, pushFlag, type SafetyActions } from '../../src/state/live/safetyStore'
import { renderLive, storeFor } from './helpers/liveFixtures'

const actions = (): SafetyActions => ({ forgetRoom: vi.fn(), saveAgain: vi.fn(), setPassword: vi.fn(), undoPeer: vi.fn(), undoChange: vi.fn(), restoreVersion: vi.fn() })

describe('the safety bar and panel', () => {
  test('saved state, forget and save again call the actions', () => {
    const a = actions()
    const safety = createSafetyStore(a, { set: false, secure: true })
    renderLive(storeFor(new Y.Doc()), safety)
    expect(screen.getByTestId('saved-state').dataset.state).toBe('loading')
    act(() => safety.setState({ saved: { state: 'saved', reason: null } }))
    expect(screen.getByTestId('saved-state').textContent).toContain('Saved on this device')
    fireEvent.click(screen.getByRole('button', { name: 'Forget this room on this device' }))
    expect(a.forgetRoom).toHaveBeenCalledOnce()
    act(() => safety.setState({ saved: { state: 'forgotten', reason: null } }))
    fireEvent.click(screen.getByRole('button', { name: 'Save on this device again' }))
    expect(a.saveAgain).toHaveBeenCalledOnce()
  })

  test('on a non-secure context a password link says so plainly', () => {
    renderLive(storeFor(new Y.Doc()), createSafetyStore(actions(), { set: true, secure: false }))
    expect(screen.getByTestId('password-state').dataset.state).toBe('insecure')
    expect(screen.getByRole('alert').textContent).toMatch(/No encryption on this page \(not https or localhost\)/)
  })

  test('without crypto the password form cannot be submitted, and says why', () => {
    renderLive(storeFor(new Y.Doc()), createSafetyStore(actions(), { set: false, secure: false }))
    fireEvent.click(screen.getByRole('button', { name: 'Set a password' }))
    fireEvent.change(screen.getByLabelText('Room password'), { target: { value: 'pw' } })
    expect((screen.getByRole('button', { name: 'Join with this password' }) as HTMLButtonElement).disabled).toBe(true)
    expect(screen.getByTestId('password-state').textContent).toContain('Passwords need https or localhost')
  })

  test('a typed password goes to the action; alone with a password, the page names the likely reason', () => {
    const a = actions()
    renderLive(storeFor(new Y.Doc()), createSafetyStore(a, { set: true, secure: true }))
    expect(screen.getByTestId('password-hint').textContent).toContain('A wrong password is the likely reason')
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }))
    fireEvent.change(screen.getByLabelText('Room password'), { target: { value: 'new one' } })
    fireEvent.click(screen.getByRole('button', { name: 'Join with this password' }))
    expect(a.setPassword).toHaveBeenCalledWith('new one')
  })

  test('flags and versions are listed; restore and undo call the actions', () => {
    const a = actions()
    const safety = createSafetyStore(a, { set: false, secure: true })
    renderLive(storeFor(new Y.Doc()), safety)
    act(() => {
      pushFlag(safety, { time: 0, kind: 'mass-delete', clientID: 42, who: 'Ana (replica 42)', text: 'deleted 60 of the 60 characters', undo: 7 })
      pushFlag(safety, { time: 0, kind: 'mass-delete', clientID: null, who: 'a replica that could not be told', text: 'deleted 30 of the 30 characters', undo: 8 })
      safety.setState({ undoable: [42], undoableChanges: [8], versions: [{ id: 3, time: 0, label: '60 characters, 0 notes, counter 0' }] })
    })
    expect(screen.getByRole('list', { name: 'Flagged' }).textContent).toContain('Ana (replica 42): deleted 60 of the 60 characters')
    fireEvent.click(screen.getByRole('button', { name: 'Undo what this replica did' }))
    expect(a.undoPeer).toHaveBeenCalledWith(42)
    // A flagged change from a sender nobody can tell is undone by itself; one already undone offers nothing.
    fireEvent.click(screen.getByRole('button', { name: 'Undo this change' }))
    expect(a.undoChange).toHaveBeenCalledWith(8)
    expect(screen.getAllByRole('button', { name: 'Undo this change' })).toHaveLength(1)
    fireEvent.click(screen.getByRole('button', { name: 'Restore this version' }))
    expect(a.restoreVersion).toHaveBeenCalledWith(3)
  })
})
