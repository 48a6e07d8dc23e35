import { useMemo } from 'react'
import { FAULT_KINDS } from '../../core/lecture/types'
import { tableMetrics } from '../../state/lecture/lectureStore'
import { type FaultCell, faultMatrix } from '../../state/lecture/summaryRows'
import { fmtPct } from './format'
import { useLecture } from './lectureContext'
import { APPROACH_NAMES, FAULT_BUTTONS } from './names'

/** Green when every request was answered, deepening red as availability falls. */
const cellStyle = (c: FaultCell) => {
  if (typeof c !== 'number') return undefined
  if (c >= 0.995) return { background: 'var(--equal-bg)', color: 'var(--equal)' }
  const loss = Math.min(1, (1 - c) * 1.6)
  return { background: `rgba(220, 38, 38, ${0.12 + 0.6 * loss})`, color: loss > 0.55 ? '#fff' : '#7f1d1d' }
}

/** Availability while each fault was on: the lecture's whole argument in one grid. */
export const FaultMatrix = () => {
  const info = useLecture((s) => s.approaches)
  const metrics = useLecture(tableMetrics)
  const live = useLecture((s) => s.tableSource === 'live')
  const rows = useMemo(() => faultMatrix(info, metrics), [info, metrics])
  return (
    <figure className="chart">
      <table className="fault-matrix">
        <caption>
          Availability while each fault was on ({live ? 'live, since the start' : 'standard experiment'})
          <span className="caption-note">n/a: nothing for the fault to hit · —: not injected yet</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Approach</th>
            {FAULT_KINDS.map((f) => (
              <th key={f} scope="col">
                {FAULT_BUTTONS[f].short}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-approach={r.id}>
              <th scope="row">{APPROACH_NAMES[r.id]}</th>
              {FAULT_KINDS.map((f) => {
                const c = r.cells[f]
                return (
                  <td key={f} className={c === 'n/a' ? 'na' : 'num'} style={cellStyle(c)}>
                    {c === 'n/a' ? 'n/a' : fmtPct(c)}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
