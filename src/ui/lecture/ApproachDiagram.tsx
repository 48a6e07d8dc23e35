import { memo } from 'react'
import type { LinkView, MessageView, NodeView } from '../../core/lecture/types'
import { DIAGRAM_H, DIAGRAM_W, along, placeNodes } from './diagramLayout'
import { fmtBytes } from './format'
import { COLOR_A, COLOR_A2 } from './names'

/** A drop stays marked this long (virtual ms) after it happened. */
const DROP_SHOWN_MS = 400
/** Links are drawn heavier by the messages sent on them in this last stretch of virtual time. */
const TRAFFIC_MS = 300
const NEUTRAL = '#64748b'
const DOWN_FILL = '#e5e7eb'

const nodeColor = (id: string): string => (id === 'A' ? COLOR_A : id === 'A2' ? COLOR_A2 : NEUTRAL)

const shortLabel = (n: NodeView): string => (n.kind === 'cache' ? n.id : n.label)

const Node = ({ n, at }: { n: NodeView; at: readonly [number, number] }) => {
  const [x, y] = at
  const color = nodeColor(n.id)
  const label = shortLabel(n)
  const up = n.up
  const shape =
    n.kind === 'server' ? (
      <circle cx={x} cy={y} r={24} fill={up ? color : DOWN_FILL} stroke={up ? color : '#9ca3af'} strokeWidth={2} />
    ) : n.kind === 'db' ? (
      <g fill={up ? '#f1f5f9' : DOWN_FILL} stroke={up ? NEUTRAL : '#9ca3af'} strokeWidth={2}>
        <path d={`M${x - 26},${y - 16} v32 a26,8 0 0 0 52,0 v-32`} />
        <ellipse cx={x} cy={y - 16} rx={26} ry={8} />
      </g>
    ) : n.kind === 'cache' ? (
      <rect x={x - 22} y={y - 16} width={44} height={32} rx={4} fill={up ? '#f8fafc' : DOWN_FILL} stroke={up ? (n.id === 'K1' ? COLOR_A : COLOR_A2) : '#9ca3af'} strokeWidth={2.5} />
    ) : (
      <rect x={x - 22} y={y - 17} width={44} height={34} rx={8} fill={up ? '#f1f5f9' : DOWN_FILL} stroke={up ? NEUTRAL : '#9ca3af'} strokeWidth={2} />
    )
  const textFill = !up ? '#6b7280' : n.kind === 'server' ? '#fff' : '#1f2933'
  const waiting = n.queued + n.busy
  return (
    <g className={`node node-${n.kind}${up ? '' : ' node-down'}`} data-node={n.id}>
      <title>{`${n.label}: ${up ? 'up' : 'down'}, holds ${fmtBytes(n.bytes)} of state${waiting > 0 ? `, ${waiting} request(s) queued or in service` : ''}`}</title>
      {shape}
      {!up && (
        <g stroke="#1f2933" strokeWidth={4} strokeLinecap="round" opacity={0.7}>
          <line x1={x - 20} y1={y - 20} x2={x + 20} y2={y + 20} />
          <line x1={x - 20} y1={y + 20} x2={x + 20} y2={y - 20} />
        </g>
      )}
      <text x={x} y={y + (n.kind === 'db' ? 9 : 6)} textAnchor="middle" fontSize={n.kind === 'server' ? 19 : 15} fontWeight={700} fill={textFill} stroke={up ? undefined : DOWN_FILL} strokeWidth={up ? undefined : 5} paintOrder="stroke">
        {label}
      </text>
      {n.bytes > 0 && (
        <text x={x} y={y + (y < DIAGRAM_H / 2 ? -30 : 42)} textAnchor="middle" fontSize={13} fontWeight={700} fill="#1f2933">
          {fmtBytes(n.bytes)}
        </text>
      )}
      {n.kind === 'server' && waiting > 1 && (
        <g className="queue-badge">
          <circle cx={x + 20} cy={y - 18} r={10} fill="#1f2933" stroke="#fff" strokeWidth={1.5} />
          <text x={x + 20} y={y - 14} textAnchor="middle" fontSize={11} fontWeight={700} fill="#fff">
            {waiting > 99 ? '99+' : waiting}
          </text>
        </g>
      )}
    </g>
  )
}

const Link = ({ l, places, traffic }: { l: LinkView; places: ReadonlyMap<string, readonly [number, number]>; traffic: number }) => {
  const a = places.get(l.a)
  const b = places.get(l.b)
  if (a === undefined || b === undefined) return null
  const mid = along(a, b, 0.5)
  // On a level link the nodes leave no room beside the line, and above it sit the bytes labels: label it below.
  const labelY = a[1] === b[1] ? a[1] + 32 : mid[1] - 6
  return (
    <g className={`link${l.cut ? ' link-cut' : ''}${l.slow ? ' link-slow' : ''}`}>
      <line
        x1={a[0]}
        y1={a[1]}
        x2={b[0]}
        y2={b[1]}
        stroke={l.cut ? '#9ca3af' : l.slow ? '#1f2933' : traffic > 0 ? '#94a3b8' : '#dde3ea'}
        strokeWidth={l.slow ? 5 : l.cut ? 2.5 : 2 + 5 * traffic}
        strokeDasharray={l.cut ? '7 6' : l.slow ? '2 5' : undefined}
        strokeLinecap="round"
      />
      {(l.cut || l.slow) && (
        <text x={mid[0]} y={labelY} textAnchor="middle" fontSize={13} fontWeight={700} fill="#1f2933" stroke="#fff" strokeWidth={4} paintOrder="stroke">
          {l.cut ? 'cut' : `slow: ${Math.round(l.latencyMs)} ms`}
        </text>
      )}
    </g>
  )
}

/** Messages in flight as dots on their link (position = share of the trip done); recent drops as crosses. */
const Messages = ({ messages, now, places }: { messages: readonly MessageView[]; now: number; places: ReadonlyMap<string, readonly [number, number]> }) => (
  <g className="messages">
    {messages.map((m) => {
      const a = places.get(m.from)
      const b = places.get(m.to)
      if (a === undefined || b === undefined || m.sentAt > now) return null
      const trip = Math.max(m.dueAt - m.sentAt, 1e-6)
      if (m.droppedAt !== null && now >= m.droppedAt) {
        if (now - m.droppedAt > DROP_SHOWN_MS) return null
        const [x, y] = along(a, b, Math.min(1, Math.max(0, (m.droppedAt - m.sentAt) / trip)))
        return (
          <g key={m.id} className="drop" stroke="#1f2933" strokeWidth={3} strokeLinecap="round">
            <line x1={x - 6} y1={y - 6} x2={x + 6} y2={y + 6} />
            <line x1={x - 6} y1={y + 6} x2={x + 6} y2={y - 6} />
          </g>
        )
      }
      const end = m.recvAt ?? m.dueAt
      if (now >= end) return null
      const [x, y] = along(a, b, (now - m.sentAt) / trip)
      return <circle key={m.id} className="msg" cx={x} cy={y} r={5} fill={nodeColor(m.from)} stroke="#fff" strokeWidth={1.5} />
    })}
  </g>
)

/** Messages sent per link (either way) in the last TRAFFIC_MS, relative to the busiest link: 0..1. */
const trafficByLink = (messages: readonly MessageView[], now: number): ReadonlyMap<string, number> => {
  const counts = new Map<string, number>()
  for (const m of messages) {
    if (m.sentAt > now || now - m.sentAt > TRAFFIC_MS) continue
    const id = m.from < m.to ? `${m.from}|${m.to}` : `${m.to}|${m.from}`
    counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  const max = Math.max(1, ...counts.values())
  return new Map([...counts].map(([id, c]) => [id, c / max]))
}

export interface ApproachDiagramProps {
  readonly title: string
  readonly nodes: readonly NodeView[]
  readonly links: readonly LinkView[]
  readonly messages: readonly MessageView[]
  readonly now: number
}

/** The approach's nodes and links, with its messages moving in virtual time. A pure function of the snapshot. */
export const ApproachDiagram = memo(({ title, nodes, links, messages, now }: ApproachDiagramProps) => {
  const places = placeNodes(nodes)
  const traffic = trafficByLink(messages, now)
  const down = nodes.filter((n) => !n.up).map((n) => n.label)
  return (
    <svg className="diagram" viewBox={`0 0 ${DIAGRAM_W} ${DIAGRAM_H}`} role="img" aria-label={`${title}: ${nodes.map((n) => n.label).join(', ')}${down.length > 0 ? `; down: ${down.join(', ')}` : ''}`}>
      {links.map((l) => (
        <Link key={l.id} l={l} places={places} traffic={traffic.get(l.id) ?? 0} />
      ))}
      <Messages messages={messages} now={now} places={places} />
      {nodes.map((n) => (
        <Node key={n.id} n={n} at={places.get(n.id)!} />
      ))}
    </svg>
  )
})
ApproachDiagram.displayName = 'ApproachDiagram'
