import { useMemo } from 'react'
import { STANDARD_SCENARIO } from '../../core/lecture/runScenario'
import { tableMetrics } from '../../state/lecture/lectureStore'
import { type SummaryRow, summaryRows } from '../../state/lecture/summaryRows'
import { AEqualsBadge } from './AEqualsBadge'
import { ExperimentControl } from './ClockControls'
import { AVAILABILITY_OK, fmtBytes, fmtMs, fmtNumber, fmtPct, fmtTime } from './format'
import { useLecture } from './lectureContext'
import { APPROACH_NAMES } from './names'

const S = STANDARD_SCENARIO
const EXPERIMENT_WORDS = `${S.requestRate} requests/s for ${S.durationMs / 1000} s, each of the ${S.faults?.length ?? 0} faults alone for ${((S.faults?.[0]?.until ?? 0) - (S.faults?.[0]?.at ?? 0)) / 1000} s`

const Avail = ({ x }: { x: number | null }) => (
  <td className={`num${x !== null && x < AVAILABILITY_OK ? ' bad-availability' : ''}`}>{fmtPct(x)}</td>
)

const Bytes = ({ n }: { n: number }) => <td className={`num${n === 0 ? ' zero' : ''}`}>{n === 0 ? '0' : fmtBytes(n)}</td>

const Row = ({ r }: { r: SummaryRow }) => (
  <tr data-approach={r.id}>
    <th scope="row">{APPROACH_NAMES[r.id]}</th>
    <td className="where">{r.stateLives}</td>
    <td className="num">{fmtMs(r.p50)}</td>
    <td className="num">{fmtMs(r.p95)}</td>
    <td className="num">{fmtNumber(r.messagesPerRequest)}</td>
    <Avail x={r.availabilityFirst} />
    <Avail x={r.availability} />
    <Avail x={r.availabilityInFaults} />
    <td className="aa-cell">
      <AEqualsBadge v={r.aEqualsA2} withDetail={false} />
      <span className="aa-small">
        {r.aEqualsA2.code ? 'same code' : 'different code'}, {r.aEqualsA2.state === null ? 'state not compared' : r.aEqualsA2.state ? 'same state' : 'different state'}
        {r.aEqualsA2.equalFraction !== null && (
          <>
            <br />
            equal {fmtPct(r.aEqualsA2.equalFraction)} of the time
          </>
        )}
      </span>
    </td>
    <td className={`num${r.notYetEverywhere > 0 ? ' in-flight' : ' zero'}`}>{r.notYetEverywhere}</td>
    <td className={`num${r.dataLost > 0 ? ' lost' : ' zero'}`}>{r.dataLost}</td>
    <Bytes n={r.bytes.servers} />
    <Bytes n={r.bytes.db} />
    <Bytes n={r.bytes.cache} />
    <Bytes n={r.bytes.client} />
  </tr>
)

/** One row per approach: what each answer to "where does the state live?" costs, side by side. */
export const SummaryTable = () => {
  const info = useLecture((s) => s.approaches)
  const source = useLecture((s) => s.tableSource)
  const metrics = useLecture(tableMetrics)
  const experiment = useLecture((s) => s.experiment)
  const numbersAt = useLecture((s) => s.numbersAt)
  const seed = useLecture((s) => s.seed)
  const showTable = useLecture((s) => s.actions.showTable)
  const rows = useMemo(() => summaryRows(info, metrics, source), [info, metrics, source])
  const live = source === 'live'
  return (
    <section className="summary" aria-labelledby="summary-title">
      <div className="summary-head">
        <h2 id="summary-title">What each answer costs</h2>
        <ExperimentControl />
        <fieldset className="tabs">
          <legend className="sr-only">Numbers from</legend>
          <button type="button" aria-pressed={live} onClick={() => showTable('live')}>
            Live
          </button>
          <button type="button" aria-pressed={!live} disabled={experiment.summary === null} onClick={() => showTable('experiment')}>
            Standard experiment
          </button>
        </fieldset>
      </div>
      <div className="table-wrap">
        <table className="summary-table">
          <caption>
            {live
              ? `Live run, seed ${seed}, at ${fmtTime(numbersAt)}: latency and availability since the start; “now” is the last second.`
              : `Standard experiment, seed ${experiment.seed}: ${EXPERIMENT_WORDS} (${experiment.summary?.requests ?? 0} requests).`}
          </caption>
          <thead>
            <tr>
              <th rowSpan={2} scope="col">
                Approach
              </th>
              <th rowSpan={2} scope="col">
                Where the state lives
              </th>
              <th colSpan={2} scope="colgroup">
                Latency (ms)
              </th>
              <th rowSpan={2} scope="col" className="num">
                {'Mes\u00adsages per request'}
              </th>
              <th colSpan={3} scope="colgroup">
                Availability
              </th>
              <th rowSpan={2} scope="col">
                A = A′ (same code and state?)
              </th>
              <th colSpan={2} scope="colgroup">
                Acknowledged writes
              </th>
              <th colSpan={4} scope="colgroup">
                State held (bytes)
              </th>
            </tr>
            <tr>
              <th scope="col" className="num">
                p50
              </th>
              <th scope="col" className="num">
                p95
              </th>
              <th scope="col" className="num">
                {live ? 'now' : 'no fault'}
              </th>
              <th scope="col" className="num">
                overall
              </th>
              <th scope="col" className="num">
                in faults
              </th>
              <th scope="col" className="num" title="On some copies but not all yet: in flight or behind a partition. Not lost.">
                {'not yet every\u00adwhere'}
              </th>
              <th scope="col" className="num" title="Missing from the state the approach will converge to: no healing brings them back.">
                lost for good
              </th>
              <th scope="col" className="num">
                servers
              </th>
              <th scope="col" className="num">
                {'data\u00adbase'}
              </th>
              <th scope="col" className="num">
                cache
              </th>
              <th scope="col" className="num">
                clients
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Row key={r.id} r={r} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
