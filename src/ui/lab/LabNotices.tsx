import { useLab } from './labContext'

/** Errors, warnings and news, newest first; each can be dismissed. */
export const LabNotices = () => {
  const notices = useLab((s) => s.notices)
  const actions = useLab((s) => s.actions)
  if (notices.length === 0) return null
  return (
    <ul className="notices lab-notices">
      {notices.map((n) => (
        <li key={n.id} className={`notice notice-${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button type="button" className="link" aria-label="Dismiss" onClick={() => actions.dismissNotice(n.id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  )
}
