import { channelWords } from '../../net/LiveConnection'
import { shortDigest } from '../../core/digest'
import type { PeerView } from '../../state/live/PeerBook'
import { ReplicaBadge } from '../widgets/ReplicaBadge'
import { StateVectorTable } from '../widgets/StateVectorTable'
import { useLive } from './liveContext'
import { PeerFlags } from './PeerFlags'
import { useNames } from './useNames'

const ago = (t: number) => {
  const s = Math.max(0, Math.round((Date.now() - t) / 1000))
  return s < 2 ? 'just now' : s < 120 ? `${s} s ago` : `${Math.round(s / 60)} min ago`
}

const presenceText = (p: PeerView) =>
  p.presence === 'here'
    ? p.via === null
      ? 'in the room'
      : p.via === 'relay'
        ? 'reached through the relay (not directly)'
        : `reached by ${p.via} (${channelWords(p.via)})`
    : p.presence === 'left'
      ? `${p.wentOffline ? 'went offline' : 'left the room'} ${ago(p.lastSeen)}; as last seen`
      : `out of reach (this tab is offline); as last seen ${ago(p.lastSeen)}`

const PeerCard = ({ peer }: { peer: PeerView }) => {
  const forget = useLive((s) => s.actions.forgetPeer)
  const v = peer.verdict
  const cls = v === null ? 'unknown' : v.equal ? 'equal' : 'differs'
  return (
    <li className={`peer peer-${cls} presence-${peer.presence}`} style={{ borderLeftColor: peer.color }} data-peer={peer.clientID}>
      <div className="peer-head">
        <ReplicaBadge clientID={peer.clientID} label={peer.name} color={peer.color} />
        <span className={`pill pill-${cls}`} title={`as ${peer.label} in the verdict's sentences`}>
          {v === null ? 'no state yet' : v.equal ? 'same as this tab' : 'differs from this tab'}
        </span>
      </div>
      <div className="muted">
        {presenceText(peer)}
        {peer.presence === 'left' && (
          <button type="button" className="link small" onClick={() => forget(peer.clientID)}>
            Forget
          </button>
        )}
      </div>
      {peer.info !== null && (
        <dl className="facts small">
          <dt>code</dt>
          <dd className={`mono${v?.codeEqual === false ? ' bad' : ''}`}>{peer.info.code}</dd>
          <dt>digest</dt>
          <dd className={`mono${v?.stateEqual === false ? ' bad' : ''}`}>{shortDigest(peer.info.digest)}</dd>
          <dt>pending</dt>
          <dd>{peer.info.pending ? 'yes' : 'none'}</dd>
        </dl>
      )}
      {v !== null && v.differences.length > 0 && (
        <ul className="differences">
          {v.differences.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
      <PeerFlags clientID={peer.clientID} />
    </li>
  )
}

/** Every other replica this tab knows of, with the pairwise verdict and the state vectors side by side. */
export const PeersPanel = () => {
  const peers = useLive((s) => s.peers)
  const self = useLive((s) => s.self)
  const who = useNames()
  const rows = [
    { clientID: self.clientID, label: `${self.name} (this tab)`, sv: self.sv },
    ...peers.filter((p) => p.info !== null).map((p) => ({ clientID: p.clientID, label: p.name, sv: p.info!.sv })),
  ]
  return (
    <section className="card peers" aria-labelledby="peers-title">
      <h2 id="peers-title">Other replicas ({peers.filter((p) => p.presence === 'here').length} in the room)</h2>
      {peers.length === 0 ? (
        <p className="muted">None yet. Use “Open another replica”, or open this room's link on another device.</p>
      ) : (
        <ul className="peer-list">
          {peers.map((p) => (
            <PeerCard key={p.clientID} peer={p} />
          ))}
        </ul>
      )}
      <h3>State vectors</h3>
      <StateVectorTable rows={rows} who={who} />
    </section>
  )
}
