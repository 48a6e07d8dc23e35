import { replicaColor } from '../../core/colors'

/** A replica's colour dot and name: the same colour for the same replica in every tab and view. */
export const ReplicaBadge = ({ clientID, label }: { clientID: number; label?: string }) => (
  <span className="replica-badge">
    <span className="dot" style={{ background: replicaColor(clientID) }} aria-hidden="true" />
    <span>{label ?? `replica ${clientID}`}</span>
  </span>
)
