import { useState } from 'react'
import { useLive } from './liveContext'
import { presentHref } from './NetworkBanner'
import { SharePanel } from './SharePanel'

/** Title, the room, and the controls a teacher reaches for: offline, another replica, share. */
export const TopBar = () => {
  const online = useLive((s) => s.online)
  const self = useLive((s) => s.self)
  const actions = useLive((s) => s.actions)
  const mode = useLive((s) => s.mode)
  const link = useLive((s) => s.link)
  const student = useLive((s) => s.student)
  const [sharing, setSharing] = useState(false)
  return (
    <header className="topbar" style={{ borderBottomColor: self.color }}>
      <div className="brand">
        <span className="logo">A = A′</span>
        <span className="muted tagline">every tab is a replica</span>
      </div>
      <nav className="views" aria-label="Views">
        <a href="?view=lab">Lab</a>
        <a href="?view=lecture">Lecture</a>
        {!student && <a href={presentHref(link)}>Present to a class</a>}
      </nav>
      <div className="controls">
        <label className={`switch${online ? '' : ' on'}`}>
          <input type="checkbox" role="switch" aria-checked={!online} checked={!online} onChange={(e) => actions.setOnline(!e.target.checked)} />
          <span>Offline</span>
        </label>
        <button type="button" className="primary" onClick={() => actions.openAnotherReplica()}>
          Open another replica
        </button>
        <button type="button" onClick={() => setSharing((v) => !v)} aria-expanded={sharing}>
          Share
        </button>
        <button
          type="button"
          aria-pressed={mode === 'projector'}
          onClick={() => actions.setMode(mode === 'projector' ? 'normal' : 'projector')}
          title="Large verdict, text, counter and notes; no diagnostics (?mode=projector)"
        >
          Projector mode
        </button>
      </div>
      {sharing && <SharePanel onClose={() => setSharing(false)} />}
    </header>
  )
}
