import { useState } from 'react'
import type { InspectorTab } from '../../state/live/liveStore'
import { StateTree } from '../widgets/StateTree'
import { UpdateLog } from '../widgets/UpdateLog'
import { ReplicaBadge } from '../widgets/ReplicaBadge'
import { useLive } from './liveContext'
import { RefusedControls } from './RefusedControls'
import { useNames } from './useNames'

/** The replica's insides: its update log, its document as a tree, and its struct store per writer. */
export const InspectorPanel = () => {
  const [tab, setTab] = useState<InspectorTab>('log')
  const log = useLive((s) => s.log)
  const total = useLive((s) => s.logTotal)
  const tree = useLive((s) => s.self.tree)
  const writers = useLive((s) => s.self.writers)
  const actions = useLive((s) => s.actions)
  const who = useNames()
  return (
    <section className="card inspector" aria-labelledby="inspector-title">
      <div className="card-head">
        <h2 id="inspector-title">Inside this replica</h2>
        <div className="tabs" role="tablist">
          {(
            [
              ['log', 'Update log'],
              ['tree', 'State tree'],
              ['store', 'Ops per writer'],
            ] as const
          ).map(([id, label]) => (
            <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => {
                setTab(id)
                actions.inspect(id)
              }}>
              {label}
            </button>
          ))}
        </div>
      </div>
      {tab === 'log' && <UpdateLog entries={log} total={total} nameOf={(c) => who(c).name} />}
      {tab === 'tree' && <StateTree roots={tree} />}
      {tab === 'store' && (
        <table className="log">
          <thead>
            <tr>
              <th scope="col">writer</th>
              <th scope="col">ops</th>
              <th scope="col">deleted</th>
            </tr>
          </thead>
          <tbody>
            {writers.map((w) => (
              <tr key={w.client}>
                <td>
                  <ReplicaBadge clientID={w.client} label={who(w.client).name} color={who(w.client).color} />{' '}
                  <span className="mono muted">{w.client}</span>
                </td>
                <td className="num">{w.ops}</td>
                <td className="num">{w.deleted}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <RefusedControls />
      <details className="experiments">
        <summary>Try to break it</summary>
        <p>
          Send the other tabs of this browser an update that is cut short. Plain Yjs would apply half of it and then
          fail; each replica here checks every update first and refuses it whole.
        </p>
        <button type="button" onClick={() => actions.sendMalformedUpdate()}>
          Send a broken update
        </button>
      </details>
    </section>
  )
}
