import { type FormEvent, useState } from 'react'
import { useLive } from './liveContext'
import { useSafety } from './safetyContext'

/** The room's password: on or off, a form to set or change it, and why nobody may appear. */
export const RoomPassword = () => {
  const pw = useSafety((s) => s.password)
  const actions = useSafety((s) => s.actions)
  const alone = useLive((s) => s.peers.every((p) => p.presence !== 'here'))
  const [editing, setEditing] = useState(false)
  const [value, setValue] = useState('')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    actions.setPassword(value)
  }
  if (pw.set && !pw.secure) {
    return (
      <div className="password password-warning" role="alert" data-testid="password-state" data-state="insecure">
        This browser offers no secure random numbers (crypto.getRandomValues): the room password cannot be used, so this replica stays offline.
      </div>
    )
  }
  return (
    <div className="password" data-testid="password-state" data-state={pw.set ? 'on' : 'off'}>
      {pw.set ? <span className="password-on">Room password on</span> : <span className="muted">No room password</span>}
      {editing ? (
        <form onSubmit={submit} className="password">
          <input type="password" aria-label="Room password" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" />
          <button type="submit" disabled={!pw.secure}>
            {value === '' ? 'Join without a password' : 'Join with this password'}
          </button>
          <button type="button" className="link" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="link small" onClick={() => setEditing(true)}>
          {pw.set ? 'Change password' : 'Set a password'}
        </button>
      )}
      {!pw.secure && <span className="muted">This browser cannot encrypt (no crypto.getRandomValues): no password here.</span>}
      {pw.undecryptable > 0 && (
        <span className="password-warning" role="status" data-testid="password-mismatch">
          {pw.set
            ? `${pw.undecryptable} message${pw.undecryptable === 1 ? '' : 's'} in this room could not be decrypted: someone here uses another password (or none).`
            : `Someone in this room uses a password (${pw.undecryptable} sealed message${pw.undecryptable === 1 ? '' : 's'}): enter it to see them.`}
        </span>
      )}
      {pw.set && alone && pw.undecryptable === 0 && (
        <span className="muted" data-testid="password-hint">
          Nobody here? A wrong password is the likely reason: every replica must use the same one.
        </span>
      )}
    </div>
  )
}
