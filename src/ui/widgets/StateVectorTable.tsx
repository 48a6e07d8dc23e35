import { replicaColor } from '../../core/colors'
import type { StateVector } from '../../core/stateVector'

export interface SvRow {
  clientID: number
  label: string
  sv: StateVector
}

/**
 * Rows are replicas, columns are writers, cells are how many ops of that writer the replica holds.
 * A cell below the column's maximum is a gap (highlighted, with how many ops are missing).
 */
export const StateVectorTable = ({
  rows,
  caption,
  who,
}: {
  rows: readonly SvRow[]
  caption?: string
  /** Names and colours of writers (and rows): without it, columns are client ids in their fallback colours. */
  who?: (clientID: number) => { name: string; color: string }
}) => {
  const colorOf = (c: number) => who?.(c).color ?? replicaColor(c)
  const writers = [...new Set(rows.flatMap((r) => Object.keys(r.sv)))].sort((a, b) => Number(a) - Number(b))
  const max = Object.fromEntries(writers.map((w) => [w, Math.max(0, ...rows.map((r) => r.sv[w] ?? 0))]))
  if (writers.length === 0) return <p className="muted">No writes yet: every state vector is empty.</p>
  return (
    <table className="sv-table">
      {caption !== undefined && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">replica \ writer</th>
          {writers.map((w) => (
            <th key={w} scope="col">
              <span className="sv-writer" title={who?.(Number(w)).name ?? w}>
                <span className="dot" style={{ background: colorOf(Number(w)) }} aria-hidden="true" /> {who?.(Number(w)).name ?? w}
              </span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.clientID}>
            <th scope="row">
              <span className="dot" style={{ background: colorOf(r.clientID) }} aria-hidden="true" /> {r.label}
            </th>
            {writers.map((w) => {
              const v = r.sv[w] ?? 0
              const gap = max[w] - v
              return (
                <td key={w} className={gap > 0 ? 'gap' : undefined} title={gap > 0 ? `lacks ${gap}` : 'complete'}>
                  {v}
                  {gap > 0 && <span className="gap-note"> −{gap}</span>}
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
