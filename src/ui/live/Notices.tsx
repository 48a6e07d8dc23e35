import { useLive } from './liveContext'

/** Errors and warnings, newest first; each says what happened and that the replica kept working. */
export const Notices = () => {
  const notices = useLive((s) => s.notices)
  const actions = useLive((s) => s.actions)
  if (notices.length === 0) return null
  return (
    <ul className="notices" aria-label="Messages">
      {notices.map((n) => (
        <li key={n.id} className={`notice notice-${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button type="button" className="link" onClick={() => actions.dismissNotice(n.id)} aria-label="Dismiss">
            ×
          </button>
        </li>
      ))}
    </ul>
  )
}
