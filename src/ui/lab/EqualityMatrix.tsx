import { memo, useState } from 'react'
import type { EqualityCell } from '../../state/lab/equality'
import type { ReplicaIdentity } from '../../state/lab/labStore'
import { useLab } from './labContext'

/** The cell under the pointer, from its data-i / data-j (one handler for n² cells). */
const cellAt = (target: EventTarget, cells: readonly (readonly EqualityCell[])[]): { el: HTMLElement; cell: EqualityCell } | null => {
  const el = (target as HTMLElement).closest?.('td[data-j]') as HTMLElement | null
  const row = el?.parentElement?.getAttribute('data-i')
  if (el === null || el === undefined || row === null || row === undefined) return null
  const cell = cells[Number(row)]?.[Number(el.getAttribute('data-j'))]
  return cell === undefined ? null : { el, cell }
}

/** One row; re-rendered only when its cells' verdicts change (words are read on hover, not rendered). */
const MatrixRow = memo(
  ({ i, replica, id, equal }: { i: number; replica: ReplicaIdentity | undefined; id: number; equal: string }) => (
    <tr data-i={i}>
      <th scope="row" style={{ color: replica?.color }}>
        {replica?.name ?? id}
      </th>
      {[...equal].map((e, j) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are its columns, in order
        <td key={j} data-j={j} className={`${e === '1' ? 'cell-eq' : 'cell-neq'}${i === j ? ' cell-self' : ''}`} data-equal={e === '1'}>
          {e === '1' ? '=' : '≠'}
        </td>
      ))}
    </tr>
  ),
)

/**
 * The pairwise A = A′ matrix: a green "=" where two replicas hold the same state (same snapshot
 * digest, nothing pending), a red "≠" where they do not. Hovering a cell shows compareReplicas'
 * words under the table (and in the cell's title, set then: 32 × 32 titles rewritten at every
 * refresh cost more than the rest of the matrix).
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
          <tbody
            onPointerOver={(e) => {
              const hit = cellAt(e.target, equality.cells)
              if (hit === null) return
              hit.el.title = hit.cell.words
              setWords(hit.cell.words)
            }}
            onMouseLeave={() => setWords(null)}
          >
            {equality.cells.map((row, i) => (
              <MatrixRow key={equality.ids[i]} i={i} id={equality.ids[i]} replica={byId.get(equality.ids[i])} equal={row.map((c) => (c.equal ? '1' : '0')).join('')} />
            ))}
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
