import './lab.css'
import { ConvergencePlot } from './ConvergencePlot'
import { EqualityMatrix } from './EqualityMatrix'
import { FilesPanel } from './FilesPanel'
import { useLab } from './labContext'
import { LabNotices } from './LabNotices'
import { LabTopBar } from './LabTopBar'
import { NetworkPanel } from './NetworkPanel'
import { ReplicaGrid } from './ReplicaCard'
import { ScenarioCard } from './ScenarioCard'
import { ScenarioPanel } from './ScenarioPanel'
import { SpaceTimeDiagram } from './SpaceTimeDiagram'
import { StateVectorPanel } from './StateVectorPanel'
import { TraceCard } from './TraceCard'
import { WorkloadPanel } from './WorkloadPanel'

/** Up to this many replicas the A = A′ matrix stands beside the diagram; more, and it goes under it. */
const MATRIX_BESIDE_UP_TO = 8

/**
 * The lab: controls on the left; on the right the stage (the diagram with its timeline, and the
 * A = A′ verdict beside it, both in the first screen at 1280×720 and up), then the convergence
 * plot, the replicas and their state vectors.
 */
export const LabView = () => {
  const beside = useLab((s) => s.replicas.length <= MATRIX_BESIDE_UP_TO)
  return (
    <div className="lab">
      <LabTopBar />
      <div className="lab-body">
        <aside className="lab-side" aria-label="Controls">
          <ScenarioPanel />
          <NetworkPanel />
          <WorkloadPanel />
          <FilesPanel />
        </aside>
        <main className="lab-main">
          <LabNotices />
          <div className={beside ? 'lab-stage beside' : 'lab-stage'}>
            <div className="lab-stage-main">
              <ScenarioCard />
              <TraceCard />
              <SpaceTimeDiagram />
            </div>
            <div className="lab-stage-side">
              <EqualityMatrix />
            </div>
          </div>
          <ConvergencePlot />
          <ReplicaGrid />
          <StateVectorPanel />
        </main>
      </div>
    </div>
  )
}
