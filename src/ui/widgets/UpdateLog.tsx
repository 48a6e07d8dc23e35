import { memo } from 'react'
import { fillNames } from '../../core/nameTokens'
import type { LogEntry } from '../../core/oplog'

const ARROWS = { in: '↓ in', out: '↑ local', rejected: '⛔ refused', flagged: '⚠ flagged' } as const

const two = (n: number) => String(n).padStart(2, '0')

/** hh:mm:ss.mmm local time (toLocaleTimeString builds a formatter per call: far too slow per row). */
const clock = (t: number) => {
  const d = new Date(t)
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`
}

type NameOf = (clientID: number) => string
const asIds: NameOf = (c) => `replica ${c}`

/** One row; entries never change once logged, so a row renders again only when names do. */
const Row = memo(({ e, nameOf }: { e: LogEntry; nameOf: NameOf }) => (
  <tr className={`log-${e.dir}`}>
    <td className="mono">{clock(e.time)}</td>
    <td>{ARROWS[e.dir]}</td>
    <td>{fillNames(e.peer, nameOf)}</td>
    <td className="num">{e.bytes}</td>
    <td>{fillNames(e.summary, nameOf)}</td>
  </tr>
))

/** The newest updates first: direction, who, size, time and what they carry. */
export const UpdateLog = ({ entries, total, nameOf = asIds }: { entries: readonly LogEntry[]; total: number; nameOf?: NameOf }) => (
  <div className="log-wrap">
    <p className="muted">
      {total} update{total === 1 ? '' : 's'} so far{total > entries.length ? `, the newest ${entries.length} shown` : ''}.
    </p>
    <table className="log">
      <thead>
        <tr>
          <th scope="col">time</th>
          <th scope="col">dir</th>
          <th scope="col">peer</th>
          <th scope="col">bytes</th>
          <th scope="col">what changed</th>
        </tr>
      </thead>
      <tbody>
        {[...entries]
          .reverse()
          .slice(0, 80)
          .map((e) => (
            <Row key={e.seq} e={e} nameOf={nameOf} />
          ))}
      </tbody>
    </table>
  </div>
)
