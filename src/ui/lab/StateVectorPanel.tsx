import { type CSSProperties, memo } from 'react'
import type { ReplicaIdentity } from '../../state/lab/labStore'
import type { SvRowData } from '../../state/lab/equality'
import { useLab } from './labContext'

const GENESIS_CLIENT = 1

interface Writer {
  key: string
  name: string
  color: string | undefined
}

/** Columns: the replicas as writers, in the rows' order and with the rows' names; then writers no longer live. */
const writersOf = (rows: readonly SvRowData[], replicas: readonly ReplicaIdentity[]): Writer[] => {
  const byClient = new Map(replicas.map((r) => [String(r.clientId), r]))
  const live = rows.map((r) => ({ key: String(r.clientID), name: r.label, color: byClient.get(String(r.clientID))?.color }))
  const seen = new Set(live.map((w) => w.key))
  const others = [...new Set(rows.flatMap((r) => Object.keys(r.sv)))]
    .filter((k) => !seen.has(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => ({ key: k, name: Number(k) === GENESIS_CLIENT ? 'initial text' : `removed #${k}`, color: undefined }))
  return [...live, ...others]
}

/** A row's cells as one string ("12|lacks 3|0"): a memoized row re-renders only when it changes. */
const cellsOf = (r: SvRowData, writers: readonly Writer[], max: ReadonlyMap<string, number>): string =>
  writers
    .map((w) => {
      const has = r.sv[w.key] ?? 0
      const lacks = (max.get(w.key) ?? 0) - has
      return lacks > 0 ? `lacks ${lacks}` : String(has)
    })
    .join('|')

const SvRow = memo(({ label, color, cells }: { label: string; color: string | undefined; cells: string }) => (
  <tr>
    <th scope="row" style={{ color }}>
      {label}
    </th>
    {cells.split('|').map((c, j) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are its columns, in order
      <td key={j} className={c.startsWith('lacks') ? 'sv-gap' : undefined}>
        {c}
      </td>
    ))}
  </tr>
))

/** The hovered cell's title, written then (n² titles rewritten at every refresh cost more than the table). */
const titleOnHover = (target: EventTarget, rows: readonly SvRowData[], writers: readonly Writer[], max: ReadonlyMap<string, number>): void => {
  const td = (target as HTMLElement).closest?.('td') as HTMLTableCellElement | null
  const tr = td?.parentElement as HTMLTableRowElement | null | undefined
  if (td === null || td === undefined || tr === null || tr === undefined) return
  const r = rows[tr.sectionRowIndex]
  const w = writers[td.cellIndex - 1]
  if (r === undefined || w === undefined) return
  const has = r.sv[w.key] ?? 0
  const lacks = (max.get(w.key) ?? 0) - has
  td.title = `${r.label} holds ${has} ops of ${w.name}${lacks > 0 ? `, lacks ${lacks}` : ''}`
}

/**
 * Which writers' ops each replica holds: rows and columns are the same replicas, in the same
 * order and by the same names (a replica's column counts the ops it wrote). A gap reads
 * "lacks 6": six of that writer's ops that some replica holds have not reached this one yet.
 */
export const StateVectorPanel = () => {
  const rows = useLab((s) => s.svRows)
  const replicas = useLab((s) => s.replicas)
  const writers = writersOf(rows, replicas)
  const max = new Map(writers.map((w) => [w.key, Math.max(0, ...rows.map((r) => r.sv[w.key] ?? 0))]))
  const many = rows.length > 8
  const colorOf = new Map(replicas.map((x) => [x.clientId, x.color]))
  return (
    <section className="card lab-sv" aria-labelledby="sv-title">
      <div className="card-head">
        <h2 id="sv-title">State vectors</h2>
        <span className="muted">rows: replicas · columns: the same replicas as writers · a number: ops held · “lacks 6”: not received yet</span>
      </div>
      <div className="sv-scroll">
        <table className={`sv-matrix${many ? ' many' : ''}`} aria-label="State vectors">
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">replica</span>
              </th>
              {writers.map((w) => (
                <th key={w.key} scope="col" style={{ color: w.color } as CSSProperties} title={`ops written by ${w.name}`}>
                  {w.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody onPointerOver={(e) => titleOnHover(e.target, rows, writers, max)}>
            {rows.map((r) => (
              <SvRow key={r.clientID} label={r.label} color={colorOf.get(r.clientID)} cells={cellsOf(r, writers, max)} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
