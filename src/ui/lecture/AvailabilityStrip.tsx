import { memo } from 'react'
import { HISTORY_MS, type AvailabilitySample } from '../../state/lecture/availabilityHistory'

const W = 300
const H = 40

/** Runs of consecutive samples that have a value (null: nothing finished in that second). */
const runs = (samples: readonly AvailabilitySample[]): Array<Array<{ t: number; a: number }>> => {
  const out: Array<Array<{ t: number; a: number }>> = []
  let cur: Array<{ t: number; a: number }> = []
  for (const s of samples) {
    if (s.availability === null) {
      if (cur.length > 0) out.push(cur)
      cur = []
    } else cur.push({ t: s.t, a: s.availability })
  }
  if (cur.length > 0) out.push(cur)
  return out
}

/** Availability over the last 30 s of virtual time: green is answered, red is what failed. */
export const AvailabilityStrip = memo(({ samples, now }: { samples: readonly AvailabilitySample[]; now: number }) => {
  const from = Math.max(0, now - HISTORY_MS)
  const span = Math.max(HISTORY_MS, 1)
  const x = (t: number) => ((t - from) / span) * W
  const y = (a: number) => (1 - a) * H
  const worst = samples.reduce((m, s) => (s.availability === null ? m : Math.min(m, s.availability)), 1)
  return (
    <svg className="strip" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={`Availability over the last 30 s; lowest ${Math.floor(worst * 100)}%`}>
      <rect x={0} y={0} width={W} height={H} fill="#f1f5f9" />
      {runs(samples).map((r) => {
        const x0 = x(r[0].t)
        const x1 = x(r[r.length - 1].t)
        const top = r.map((p) => `${x(p.t).toFixed(1)},${y(p.a).toFixed(1)}`).join(' ')
        return (
          <g key={r[0].t}>
            <rect x={x0} y={0} width={Math.max(x1 - x0, 1)} height={H} fill="var(--differs-bg)" />
            <polygon points={`${x0.toFixed(1)},${H} ${top} ${x1.toFixed(1)},${H}`} fill="#bbf7d0" stroke="var(--equal)" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
          </g>
        )
      })}
    </svg>
  )
})
AvailabilityStrip.displayName = 'AvailabilityStrip'
