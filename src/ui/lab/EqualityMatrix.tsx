import { useState } from 'react'
import { useLab } from './labContext'

/**
 * The pairwise A = A′ matrix: a green "=" where two replicas hold the same state (same snapshot
 * digest, nothing pending), a red "≠" where they do not. Hovering a cell shows compareReplicas'
 * words under the table (and in the cell's title).
 */
export const EqualityMatrix = () => {
  const equality = useLab((s) => s.equality)
  const replicas = useLab((s) => s.replicas)
  const [words, setWords] = useState<string | null>(null)
  const byId = new Map(replicas.map((r) => [r.id, r]))
  const n = equality.ids.length
  const pending = equality.cells.some((row, i) => row[i] !== undefined && !row[i].equal)
  return (
    <section className="card lab-matrix" aria-labelledby="matrix-title">
      <div className="card-head">
        <h2 id="matrix-title">A = A′ matrix</h2>
      </div>
      <p className={`matrix-verdict ${equality.allEqual ? 'verdict-equal' : 'verdict-differs'}`} data-testid="lab-verdict" data-verdict={equality.allEqual ? 'equal' : 'differs'}>
        <span className="matrix-headline">{equality.allEqual ? 'A = A′' : 'A ≠ A′'}</span>
        <span>
          {equality.allEqual ? `all ${n} replicas hold the same state` : `${equality.distinct} distinct states${pending ? ', some updates pending' : ''}`}
          {!equality.allEqual && <InFlight />}
        </span>
      </p>
      <div className="matrix-scroll">
        <table className={n > 16 ? 'eq-matrix many huge' : n > 6 ? 'eq-matrix many' : 'eq-matrix'} aria-label="A = A′ matrix" data-all-equal={equality.allEqual}>
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">replica</span>
              </th>
              {equality.ids.map((id) => (
                <th key={id} scope="col" style={{ color: byId.get(id)?.color }}>
                  {byId.get(id)?.name ?? id}
                </th>
              ))}
            </tr>
          </thead>
          <tbody onMouseLeave={() => setWords(null)}>
            {equality.cells.map((row, i) => {
              const a = byId.get(equality.ids[i])
              return (
                <tr key={equality.ids[i]}>
                  <th scope="row" style={{ color: a?.color }}>
                    {a?.name ?? equality.ids[i]}
                  </th>
                  {row.map((cell, j) => (
                    <td
                      key={equality.ids[j]}
                      className={`${cell.equal ? 'cell-eq' : 'cell-neq'}${i === j ? ' cell-self' : ''}`}
                      data-equal={cell.equal}
                      title={cell.words}
                      onMouseEnter={() => setWords(cell.words)}
                    >
                      {cell.equal ? '=' : '≠'}
                    </td>
                  ))}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <p className="matrix-words" aria-live="polite">
        {words ?? 'Point at a cell to see what differs.'}
      </p>
    </section>
  )
}

/** Messages in flight: changes every frame, so it re-renders alone. */
const InFlight = () => {
  const inFlight = useLab((s) => s.numbers.inFlight)
  return inFlight > 0 ? <> · {inFlight} message{inFlight === 1 ? '' : 's'} in flight</> : null
}
