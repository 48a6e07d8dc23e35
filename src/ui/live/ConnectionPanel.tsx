import { useLive } from './liveContext'

const STATE_TEXT = { connecting: 'connecting…', connected: 'connected', unreachable: 'unreachable', off: 'off (offline)' }

const isLoopback = (link: string) => {
  try {
    const h = new URL(link).hostname
    return h === 'localhost' || h === '127.0.0.1' || h === '[::1]'
  } catch {
    return false
  }
}

/** False in a browser built or set without WebRTC (Debian's WebKitGTK has no RTCPeerConnection at all). */
const hasWebRTC = () => typeof RTCPeerConnection !== 'undefined'

/** How this tab finds other replicas: signaling servers and their status, and how to reach other devices. */
export const ConnectionPanel = () => {
  const signaling = useLive((s) => s.signaling)
  const link = useLive((s) => s.link)
  const room = useLive((s) => s.room)
  const relay = useLive((s) => s.relay)
  return (
    <section className="card connection" aria-labelledby="connection-title">
      <h2 id="connection-title">Connection</h2>
      <p>
        Room <strong className="mono">{room}</strong>. Tabs of this browser sync directly over BroadcastChannel, with no
        server.
      </p>
      {signaling.length === 0 ? (
        relay === null ? (
          <p className="info-box" data-testid="no-signaling">
            No signaling server is set, so only tabs of this browser can join. To reach other devices, run{' '}
            <code>npm start</code> on a computer of the same network and open the address it prints, or add{' '}
            <code>?signaling=ws://HOST:4444</code> to the link.
          </p>
        ) : (
          <p className="info-box" data-testid="no-signaling">
            No signaling server is set, so this tab makes no direct WebRTC links: other devices reach it through the
            relay below.
          </p>
        )
      ) : (
        <ul className="signaling">
          {signaling.map((s) => (
            <li key={s.url} data-testid="signaling-status" data-state={s.state}>
              <span className={`pill pill-${s.state}`}>{STATE_TEXT[s.state]}</span> <span className="mono">{s.url}</span>
            </li>
          ))}
        </ul>
      )}
      {relay === null ? (
        signaling.length > 0 && (
          <p className="muted" data-testid="no-relay">
            No relay: devices that cannot reach each other directly (Wi-Fi that keeps devices apart, a browser without
            WebRTC) will not sync. <code>npm start</code> runs one; or add <code>?relay=ws://HOST:PORT</code> to the link.
          </p>
        )
      ) : (
        <p data-testid="relay-status" data-state={relay.state}>
          Relay <span className={`pill pill-${relay.state}`}>{STATE_TEXT[relay.state]}</span> <span className="mono">{relay.url}</span>
          <br />
          <span className="muted">Replicas this tab cannot reach directly are reached through it; it holds no copy of the room.</span>
        </p>
      )}
      {(signaling.length > 0 || relay !== null) && !hasWebRTC() && (
        <p className="info-box" data-testid="no-webrtc">
          This browser has no WebRTC, so it cannot connect to other devices directly:{' '}
          {relay === null
            ? 'with no relay set, only tabs of this browser sync with it.'
            : 'it reaches them only through the relay.'}
        </p>
      )}
      {signaling.length > 0 && isLoopback(link) && (
        <p className="muted">
          This page's address is local to this computer: other devices must open it with this computer's network
          address (<code>npm start</code> prints it).
        </p>
      )}
    </section>
  )
}
