import { useLive } from './liveContext'
import { useNames } from './useNames'

/**
 * Network control messages this replica refused (not signed by the teacher of its link), for the
 * curious: the page shows no banner for them, so a classmate's prank disturbs nobody.
 */
export const RefusedControls = () => {
  const refused = useLive((s) => s.network.refused)
  const who = useNames()
  if (refused.length === 0) return null
  return (
    <details className="experiments" data-testid="refused-controls">
      <summary>Refused network controls ({refused.length})</summary>
      <ul>
        {refused.map((r) => (
          <li key={`${r.from}-${r.time}`}>
            {new Date(r.time).toLocaleTimeString()} from <strong>{who(r.from).name}</strong>: {r.reason}. Nothing changed.
          </li>
        ))}
      </ul>
    </details>
  )
}
