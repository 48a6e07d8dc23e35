import { useMemo } from 'react'
import { tableMetrics } from '../../state/lecture/lectureStore'
import { summaryRows } from '../../state/lecture/summaryRows'
import { fmtMs } from './format'
import { useLecture } from './lectureContext'
import { APPROACH_NAMES } from './names'

const W = 660
const LABEL_W = 200
const VALUE_W = 110
const ROW_H = 44
const TOP = 30

/** A round axis maximum for `max` ms. */
const niceMax = (max: number): number => {
  for (const m of [25, 50, 100, 200, 300, 500, 1000, 2000, 5000]) if (max <= m) return m
  return Math.ceil(max / 1000) * 1000
}

/** p50 and p95 per approach as bars: a database round trip, a failover, a slow link show as length. */
export const LatencyChart = () => {
  const info = useLecture((s) => s.approaches)
  const metrics = useLecture(tableMetrics)
  const live = useLecture((s) => s.tableSource === 'live')
  const rows = useMemo(() => summaryRows(info, metrics, 'live'), [info, metrics])
  const max = niceMax(Math.max(1, ...rows.map((r) => r.p95 ?? 0)))
  const plotW = W - LABEL_W - VALUE_W
  const x = (ms: number) => LABEL_W + (ms / max) * plotW
  const H = TOP + rows.length * ROW_H + 8
  const ticks = [0, max / 4, max / 2, (3 * max) / 4, max]
  return (
    <figure className="chart">
      <figcaption>
        Latency per request, ms ({live ? 'live, since the start' : 'standard experiment'}) <span className="key key-p50">p50</span>{' '}
        <span className="key key-p95">p95</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={rows.map((r) => `${APPROACH_NAMES[r.id]}: p50 ${fmtMs(r.p50)} ms, p95 ${fmtMs(r.p95)} ms`).join('; ')}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={TOP - 6} y2={H - 8} stroke="#e2e8f0" strokeWidth={1.5} />
            <text x={x(t)} y={TOP - 12} textAnchor="middle" fontSize={15} fill="#5f6b7a">
              {Math.round(t)}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = TOP + i * ROW_H
          return (
            <g key={r.id} data-approach={r.id}>
              <text x={LABEL_W - 10} y={y + ROW_H / 2 + 6} textAnchor="end" fontSize={18} fontWeight={600} fill="#1f2933">
                {APPROACH_NAMES[r.id]}
              </text>
              {r.p95 !== null && <rect x={LABEL_W} y={y + 8} width={x(r.p95) - LABEL_W} height={ROW_H - 16} rx={3} fill="#cbd5e1" />}
              {r.p50 !== null && <rect x={LABEL_W} y={y + 8} width={x(r.p50) - LABEL_W} height={ROW_H - 16} rx={3} fill="#475569" />}
              <text x={W - VALUE_W + 8} y={y + ROW_H / 2 + 6} fontSize={17} fill="#1f2933" className="mono">
                {fmtMs(r.p50)} / {fmtMs(r.p95)}
              </text>
            </g>
          )
        })}
      </svg>
    </figure>
  )
}
