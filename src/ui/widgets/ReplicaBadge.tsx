import { replicaColor } from '../../core/colors'

/**
 * A replica's colour dot and name: the colour it published (the same in every tab and view), or
 * the fallback from its clientID. Names are text, never HTML.
 */
export const ReplicaBadge = ({ clientID, label, color }: { clientID: number; label?: string; color?: string }) => (
  <span className="replica-badge">
    <span className="dot" style={{ background: color ?? replicaColor(clientID) }} aria-hidden="true" />
    <span className="badge-name">{label ?? `replica ${clientID}`}</span>
  </span>
)
