import { useRef, useState } from 'react'
import type { ReplicaIdentity } from '../../state/lab/labStore'
import { useLab } from './labContext'

const W = 340
const H = 250
const NODE_R = 17

interface Island {
  cx: number
  cy: number
  r: number
  members: readonly number[]
}

/** Where each group sits: one island for no partition, K islands around the centre otherwise. */
export const islandsFor = (groups: readonly (readonly number[])[]): Island[] => {
  const k = groups.length
  return groups.map((members, i) => {
    const r = members.length === 1 ? 0 : Math.min(k === 1 ? 95 : 62, 20 + 13 * members.length)
    if (k === 1) return { cx: W / 2, cy: H / 2, r, members }
    const a = -Math.PI / 2 + (i * 2 * Math.PI) / k + (k === 2 ? Math.PI / 2 : 0)
    const d = k === 2 ? 88 : 78
    return { cx: W / 2 + d * Math.cos(a) * 1.05, cy: H / 2 + d * Math.sin(a) * 0.78, r, members }
  })
}

const nodePositions = (islands: readonly Island[]): Map<number, { x: number; y: number }> => {
  const pos = new Map<number, { x: number; y: number }>()
  for (const isl of islands) {
    const n = isl.members.length
    isl.members.forEach((id, j) => {
      const a = -Math.PI / 2 + (j * 2 * Math.PI) / Math.max(1, n)
      pos.set(id, { x: isl.cx + isl.r * Math.cos(a), y: isl.cy + isl.r * Math.sin(a) })
    })
  }
  return pos
}

/**
 * The network as a picture: replicas as coloured nodes, a line per link. Click a link to cut it
 * (click again to restore it); drag a replica onto another island to move it into that group,
 * or onto empty space to give it a group of its own: a partition by direct manipulation.
 */
export const NetworkPicture = () => {
  const replicas = useLab((s) => s.replicas)
  const groups = useLab((s) => s.groups)
  const cuts = useLab((s) => s.cuts)
  const overrides = useLab((s) => s.overrides)
  const actions = useLab((s) => s.actions)
  const svgRef = useRef<SVGSVGElement>(null)
  const [drag, setDrag] = useState<{ id: number; sx: number; sy: number; x: number; y: number; moved: boolean } | null>(null)

  const ids = replicas.map((r) => r.id)
  const effective = groups ?? [ids]
  const islands = islandsFor(effective)
  const pos = nodePositions(islands)
  const groupOf = new Map<number, number>()
  effective.forEach((g, i) => {
    for (const id of g) groupOf.set(id, i)
  })
  const cutSet = new Set(cuts.map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`))
  const tuned = new Set(overrides.map((o) => `${Math.min(o.from, o.to)}-${Math.max(o.from, o.to)}`))

  const toSvg = (e: React.PointerEvent): { x: number; y: number } => {
    const rect = svgRef.current!.getBoundingClientRect()
    return { x: ((e.clientX - rect.left) / rect.width) * W, y: ((e.clientY - rect.top) / rect.height) * H }
  }
  const drop = (id: number, x: number, y: number) => {
    let best = -1
    let bestD = Number.POSITIVE_INFINITY
    islands.forEach((isl, i) => {
      const d = Math.hypot(x - isl.cx, y - isl.cy) - isl.r
      if (d < bestD) {
        bestD = d
        best = i
      }
    })
    const target = bestD <= 34 ? best : islands.length
    if (target !== groupOf.get(id)) actions.moveToGroup(id, target)
  }

  const links: Array<[ReplicaIdentity, ReplicaIdentity]> = []
  // Past 12 replicas a full mesh is a grey blob (and hundreds of elements): only cut links are drawn.
  const many = replicas.length > 12
  for (let i = 0; i < replicas.length; i++) {
    for (let j = i + 1; j < replicas.length; j++) {
      if (!many || cutSet.has(`${Math.min(replicas[i].id, replicas[j].id)}-${Math.max(replicas[i].id, replicas[j].id)}`)) links.push([replicas[i], replicas[j]])
    }
  }
  const nodeR = replicas.length > 12 ? 8 : replicas.length > 8 ? 12 : NODE_R

  return (
    <svg
      ref={svgRef}
      className="network-picture"
      viewBox={`0 0 ${W} ${H}`}
      aria-labelledby="network-picture-title"
      onPointerMove={(e) => {
        if (drag === null) return
        const p = toSvg(e)
        setDrag({ ...drag, ...p, moved: drag.moved || Math.hypot(p.x - drag.sx, p.y - drag.sy) > 4 })
      }}
      onPointerUp={(e) => {
        if (drag === null) return
        const p = toSvg(e)
        setDrag(null)
        if (drag.moved) drop(drag.id, p.x, p.y)
      }}
      onPointerCancel={() => setDrag(null)}
    >
      <title id="network-picture-title">Network: click a link to cut or restore it, drag a replica to another group</title>
      {islands.length > 1 &&
        islands.map((isl, i) => (
          <g key={isl.members.join(',')} className="island">
            <circle cx={isl.cx} cy={isl.cy} r={isl.r + NODE_R + 9} />
            <text x={isl.cx} y={isl.cy - isl.r - NODE_R - 14} textAnchor="middle">
              group {i + 1}
            </text>
          </g>
        ))}
      {links.map(([a, b]) => {
        const pa = pos.get(a.id)
        const pb = pos.get(b.id)
        if (pa === undefined || pb === undefined) return null
        const key = `${Math.min(a.id, b.id)}-${Math.max(a.id, b.id)}`
        const cut = cutSet.has(key)
        const apart = groupOf.get(a.id) !== groupOf.get(b.id)
        const state = cut ? 'cut' : apart ? 'partitioned' : 'up'
        const label = `${cut ? 'Restore' : 'Cut'} link ${a.name}–${b.name}`
        const mx = (pa.x + pb.x) / 2
        const my = (pa.y + pb.y) / 2
        return (
          // biome-ignore lint/a11y/useSemanticElements: a link drawn in SVG cannot be an HTML button; it has the role, focus and keys of one
          <g
            key={key}
            className={`link link-${state}${tuned.has(key) ? ' link-tuned' : ''}`}
            role="button"
            tabIndex={0}
            aria-label={label}
            onClick={() => actions.toggleCut(a.id, b.id)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault()
                actions.toggleCut(a.id, b.id)
              }
            }}
          >
            <title>{`${a.name}–${b.name}: ${state === 'up' ? 'up' : state === 'cut' ? 'cut' : 'across the partition'}. Click to ${cut ? 'restore' : 'cut'}.`}</title>
            <line className="link-hit" x1={pa.x} y1={pa.y} x2={pb.x} y2={pb.y} />
            <line className="link-line" x1={pa.x} y1={pa.y} x2={pb.x} y2={pb.y} />
            {cut && (
              <text className="link-cut" x={mx} y={my + 6} textAnchor="middle">
                ✂
              </text>
            )}
          </g>
        )
      })}
      {replicas.map((r) => {
        const p = drag?.id === r.id && drag.moved ? drag : pos.get(r.id)
        if (p === undefined) return null
        return (
          <g
            key={r.id}
            className={`node${drag?.id === r.id ? ' dragging' : ''}`}
            transform={`translate(${p.x} ${p.y})`}
            onPointerDown={(e) => {
              e.stopPropagation()
              svgRef.current?.setPointerCapture(e.pointerId)
              const p0 = toSvg(e)
              setDrag({ id: r.id, sx: p0.x, sy: p0.y, ...p0, moved: false })
            }}
          >
            <title>{`${r.name}: drag onto another group to move it there, or onto empty space for a group of its own`}</title>
            <circle r={nodeR} fill={r.color} />
            {!many && (
              <text y={6} textAnchor="middle">
                {r.name}
              </text>
            )}
          </g>
        )
      })}
    </svg>
  )
}
