import { useLab } from './labContext'
import { LinkEditor } from './LinkEditor'
import { NetworkPicture } from './NetworkPicture'

const AE_INTERVALS = [100, 250, 500, 1000, 2000]

/** Partitions by keyboard: each replica's group in a select. */
const GroupSelects = () => {
  const replicas = useLab((s) => s.replicas)
  const groups = useLab((s) => s.groups)
  const actions = useLab((s) => s.actions)
  const effective = groups ?? [replicas.map((r) => r.id)]
  const groupOf = (id: number) => effective.findIndex((g) => g.includes(id))
  return (
    <details className="group-selects">
      <summary>Groups, by keyboard</summary>
      <ul>
        {replicas.map((r) => (
          <li key={r.id}>
            <label>
              <span style={{ color: r.color }}>{r.name}</span>{' '}
              <select value={groupOf(r.id)} onChange={(e) => actions.moveToGroup(r.id, Number(e.target.value))} aria-label={`Group of ${r.name}`}>
                {effective.map((g, i) => (
                  <option key={g.join(',')} value={i}>
                    group {i + 1}
                  </option>
                ))}
                <option value={effective.length}>a new group</option>
              </select>
            </label>
          </li>
        ))}
      </ul>
    </details>
  )
}

/** The network: picture (cut links, drag into groups), partition and heal, link settings, anti-entropy. */
export const NetworkPanel = () => {
  const groups = useLab((s) => s.groups)
  const cuts = useLab((s) => s.cuts)
  const ae = useLab((s) => s.antiEntropy)
  const typing = useLab((s) => s.trace?.phase === 'typing')
  const actions = useLab((s) => s.actions)
  const split = groups !== null || cuts.length > 0
  return (
    <section className="card side-card" aria-labelledby="network-title">
      <h2 id="network-title">Network</h2>
      <NetworkPicture />
      <div className="button-row">
        <button type="button" onClick={() => actions.partitionHalves()}>
          Partition
        </button>
        <button type="button" onClick={() => actions.heal()} disabled={!split} className={split ? 'primary' : undefined}>
          Heal
        </button>
        <span className="muted">{groups !== null ? `${groups.length} groups` : cuts.length > 0 ? `${cuts.length} cut link${cuts.length === 1 ? '' : 's'}` : 'all connected'}</span>
      </div>
      <GroupSelects />
      <h3>Links</h3>
      <LinkEditor />
      <h3>Anti-entropy</h3>
      <div className="button-row">
        <label className={`switch${ae.on ? ' on' : ''}`}>
          <input type="checkbox" role="switch" aria-checked={ae.on} checked={ae.on} disabled={typing && !ae.on} onChange={(e) => actions.setAntiEntropy(e.target.checked, ae.intervalMs)} />
          <span>Anti-entropy</span>
        </label>
        <label>
          every{' '}
          <select value={ae.intervalMs} onChange={(e) => actions.setAntiEntropy(ae.on, Number(e.target.value))} aria-label="Anti-entropy interval">
            {[...new Set([...AE_INTERVALS, ae.intervalMs])]
              .sort((a, b) => a - b)
              .map((v) => (
                <option key={v} value={v}>
                  {v} ms
                </option>
              ))}
          </select>
        </label>
      </div>
      <p className="explain">Each round, every replica sends its state vector to one peer, which answers with what is missing: lost updates are repaired.</p>
    </section>
  )
}
