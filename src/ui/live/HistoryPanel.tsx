import { useSafety } from './safetyContext'

const two = (n: number) => String(n).padStart(2, '0')
const clock = (t: number) => {
  const d = new Date(t)
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`
}

/** Flagged peers (all of them, also those with no card) and the versions this tab keeps. */
export const HistoryPanel = () => {
  const flags = useSafety((s) => s.flags)
  const versions = useSafety((s) => s.versions)
  const undoable = useSafety((s) => s.undoable)
  const undoableChanges = useSafety((s) => s.undoableChanges)
  const actions = useSafety((s) => s.actions)
  return (
    <section className="card history" aria-labelledby="history-title">
      <h2 id="history-title">Flagged peers and kept versions</h2>
      {flags.length === 0 ? (
        <p className="muted">No peer has done anything a friend would not.</p>
      ) : (
        <ul className="flags" aria-label="Flagged">
          {flags.map((f) => (
            <li key={f.seq} className="flag">
              <span className="flag-kind">{clock(f.time)}</span>
              {f.who}: {f.text}
              {f.undo !== null && undoableChanges.includes(f.undo) && (
                <button type="button" className="link small" onClick={() => actions.undoChange(f.undo as number)}>
                  Undo this change
                </button>
              )}
              {f.clientID !== null && undoable.includes(f.clientID) && (
                <button type="button" className="link small" onClick={() => actions.undoPeer(f.clientID as number)}>
                  Undo what this replica did
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>Versions kept by this tab</h3>
      {versions.length === 0 ? (
        <p className="muted">The first version is kept once the document changes.</p>
      ) : (
        <ul className="versions" aria-label="Versions">
          {versions.map((v) => (
            <li key={v.id}>
              <span>
                <span className="mono">{clock(v.time)}</span> {v.label}
              </span>
              <button type="button" className="small" onClick={() => actions.restoreVersion(v.id)}>
                Restore this version
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="explain">
        A version is a snapshot (state vector and delete set), one every 5 s while the document changes, the last 20. To
        bring one back the replica keeps deleted content (Yjs with gc off), which its memory and saved copy pay for.
      </p>
    </section>
  )
}
