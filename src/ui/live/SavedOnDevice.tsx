import { useSafety } from './safetyContext'

const TEXT = {
  loading: 'Opening the copy on this device…',
  saved: 'Saved on this device',
  forgotten: 'Not saved on this device',
  unavailable: 'Not saved on this device',
} as const

/** Whether this room survives a reload here, and the control to forget it. */
export const SavedOnDevice = () => {
  const saved = useSafety((s) => s.saved)
  const actions = useSafety((s) => s.actions)
  return (
    <div className={`saved saved-${saved.state}`} data-testid="saved-state" data-state={saved.state}>
      <span className="saved-text" title={saved.reason ?? undefined}>
        {saved.state === 'saved' ? '✓ ' : ''}
        {TEXT[saved.state]}
        {saved.reason !== null && <span className="muted">: {saved.reason}</span>}
      </span>
      {saved.state === 'saved' && (
        <button type="button" className="link small" onClick={() => actions.forgetRoom()}>
          Forget this room on this device
        </button>
      )}
      {saved.state === 'forgotten' && (
        <button type="button" className="link small" onClick={() => actions.saveAgain()}>
          Save on this device again
        </button>
      )}
    </div>
  )
}
