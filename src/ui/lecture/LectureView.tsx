import './lecture.css'
import { ApproachPanel } from './ApproachPanel'
import { ClockControls, RateControl, SeedControl, WordsToggle } from './ClockControls'
import { FaultBar } from './FaultBar'
import { FaultMatrix } from './FaultMatrix'
import { LatencyChart } from './LatencyChart'
import { SummaryTable } from './SummaryTable'
import { useLecture } from './lectureContext'
import { COLOR_A, COLOR_A2 } from './names'

const A = () => (
  <strong className="a" style={{ color: COLOR_A }}>
    A
  </strong>
)
const A2 = () => (
  <strong className="a" style={{ color: COLOR_A2 }}>
    A′
  </strong>
)

/** The lecture: the question, the controls, six approaches side by side, and what each costs. */
export const LectureView = () => {
  const count = useLecture((s) => s.approaches.length)
  const compact = useLecture((s) => s.compact)
  return (
    <div className={`lecture${compact ? ' compact' : ''}`} data-layout={compact ? 'compact' : 'full'}>
      <header className="topbar lecture-top">
        <div className="brand">
          <span className="logo">A = A′</span>
          <span className="lecture-title">Where does the state live?</span>
        </div>
        <p className="thesis">
          Client C sends to <A /> and to <A2 />, so <A2 /> can answer when <A /> fails. That works only if <A /> = <A2 />: same code,
          same state.
        </p>
        <WordsToggle />
        <nav className="views" aria-label="Views">
          <a href="?view=live">Live room</a>
          <a href="?view=lab">Lab</a>
        </nav>
      </header>
      <div className="lecture-bar">
        <div className="lecture-controls">
          <ClockControls />
          <RateControl />
          <SeedControl />
        </div>
        <FaultBar />
      </div>
      <main>
        <section className="approach-grid" aria-label="Six approaches">
          {Array.from({ length: count }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the approaches are fixed for the lecture's life
            <ApproachPanel key={i} index={i} />
          ))}
        </section>
        <section className="compare" aria-label="Comparison">
          <SummaryTable />
          <div className="charts">
            <LatencyChart />
            <FaultMatrix />
          </div>
        </section>
      </main>
    </div>
  )
}
