import { ReplicaBadge } from '../widgets/ReplicaBadge'
import { useLive } from './liveContext'

/** Projector mode's list of who is in the room: this tab, then each peer with = or ≠ against it. */
export const RoomStrip = () => {
  const self = useLive((s) => s.self)
  const peers = useLive((s) => s.peers)
  return (
    <section className="card room-strip" aria-label="Replicas in the room">
      <ul>
        <li className="room-self">
          <ReplicaBadge clientID={self.clientID} label={self.name} color={self.color} /> <span className="muted">this tab</span>
        </li>
        {peers.map((p) => (
          <li key={p.clientID} className={`presence-${p.presence}`}>
            <ReplicaBadge clientID={p.clientID} label={p.name} color={p.color} />{' '}
            <span className={`pill pill-${p.verdict === null ? 'unknown' : p.verdict.equal ? 'equal' : 'differs'}`}>
              {p.verdict === null ? 'no state yet' : p.verdict.equal ? 'same' : 'differs'}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
