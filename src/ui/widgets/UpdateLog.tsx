import type { LogEntry } from '../../core/oplog'

const ARROWS = { in: '↓ in', out: '↑ local', rejected: '⛔ refused' } as const

const clock = (t: number) => {
  const d = new Date(t)
  return `${d.toLocaleTimeString([], { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`
}

/** The newest updates first: direction, who, size, time and what they carry. */
export const UpdateLog = ({ entries, total }: { entries: readonly LogEntry[]; total: number }) => (
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
          <th scope="col">what it carries</th>
        </tr>
      </thead>
      <tbody>
        {[...entries]
          .reverse()
          .slice(0, 80)
          .map((e) => (
            <tr key={e.seq} className={`log-${e.dir}`}>
              <td className="mono">{clock(e.time)}</td>
              <td>{ARROWS[e.dir]}</td>
              <td>{e.peer}</td>
              <td className="num">{e.bytes}</td>
              <td className="mono">{e.summary}</td>
            </tr>
          ))}
      </tbody>
    </table>
  </div>
)
