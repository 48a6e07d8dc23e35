import { APPROACH_IDS, FAULT_KINDS, type ApproachId } from '../../core/lecture/types'
import { AEqualsBadge } from './AEqualsBadge'
import { ApproachDiagram } from './ApproachDiagram'
import { AvailabilityStrip } from './AvailabilityStrip'
import { AVAILABILITY_OK, fmtMs, fmtPct } from './format'
import { useLecture } from './lectureContext'
import { APPROACH_NAMES, FAULT_BUTTONS } from './names'

const EMPTY: never[] = []

/** The faults on (or recovering) now, and whether each hits this approach. */
const FaultChips = ({ id }: { id: ApproachId }) => {
  const faults = useLecture((s) => s.faults)
  const shown = FAULT_KINDS.filter((f) => faults[f].phase !== 'off')
  if (shown.length === 0) return <p className="chips muted">No fault</p>
  return (
    <ul className="chips" aria-label="Faults now">
      {shown.map((f) => {
        const na = faults[f].effects[id] === 'n/a'
        return (
          <li key={f} className={`chip${na ? ' chip-na' : ''}${faults[f].phase === 'recovering' ? ' chip-recovering' : ''}`}>
            {FAULT_BUTTONS[f].label}
            {na ? ': n/a here' : faults[f].phase === 'recovering' ? ': recovering' : ''}
          </li>
        )
      })}
    </ul>
  )
}

/** The numbers of the last second, large. */
const NowNumbers = ({ id }: { id: ApproachId }) => {
  const m = useLecture((s) => s.numbers[id])
  if (m === undefined) return null
  const r = m.recent
  const bad = r.availability !== null && r.availability < AVAILABILITY_OK
  return (
    <div className="now">
      <dl className="now-numbers" aria-label="Last second">
        <div>
          <dt>p50</dt>
          <dd>
            {fmtMs(r.p50)}
            <small> ms</small>
          </dd>
        </div>
        <div>
          <dt>p95</dt>
          <dd>
            {fmtMs(r.p95)}
            <small> ms</small>
          </dd>
        </div>
        <div className={bad ? 'bad-availability' : undefined}>
          <dt>available</dt>
          <dd>{fmtPct(r.availability)}</dd>
        </div>
      </dl>
      <AEqualsBadge v={m.aEqualsA2} />
    </div>
  )
}

/** One approach: its name, where its state lives, its diagram live, its numbers, and (optionally) its words. */
export const ApproachPanel = ({ index }: { index: number }) => {
  const info = useLecture((s) => s.approaches[index])
  const snap = useLecture((s) => s.frame.approaches[index])
  const now = useLecture((s) => s.frame.now)
  const history = useLecture((s) => (info === undefined ? EMPTY : (s.history[info.id] ?? EMPTY)))
  const showWords = useLecture((s) => s.showWords && !s.compact)
  if (info === undefined || snap === undefined) return null
  const n = APPROACH_IDS.indexOf(info.id) + 1
  return (
    <article className="approach" aria-labelledby={`approach-${info.id}`} data-approach={info.id}>
      <header className="approach-head">
        <h2 id={`approach-${info.id}`}>
          <span className="approach-n">{n}</span> {APPROACH_NAMES[info.id]}
        </h2>
        <p className="state-lives">
          State lives <strong>{info.stateLives}</strong>
        </p>
      </header>
      <ApproachDiagram title={info.title} nodes={snap.nodes} links={snap.links} messages={snap.messages} now={now} />
      <p className="now-caption muted">Last second</p>
      <NowNumbers id={info.id} />
      <AvailabilityStrip samples={history} now={now} />
      <FaultChips id={info.id} />
      {showWords && (
        <div className="words">
          <p>
            <strong>{info.title}.</strong> {info.explanation}
          </p>
          <p className="weakness">
            <strong>Costs:</strong> {info.weakness}
          </p>
        </div>
      )}
    </article>
  )
}
