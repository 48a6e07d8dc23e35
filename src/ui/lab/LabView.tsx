import './lab.css'
import { ConvergencePlot } from './ConvergencePlot'
import { EqualityMatrix } from './EqualityMatrix'
import { FilesPanel } from './FilesPanel'
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

/** The lab: controls on the left; the diagram, the verdicts and the replicas on the right. */
export const LabView = () => (
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
        <ScenarioCard />
        <TraceCard />
        <SpaceTimeDiagram />
        <div className="lab-row">
          <EqualityMatrix />
          <ConvergencePlot />
        </div>
        <ReplicaGrid />
        <StateVectorPanel />
      </main>
    </div>
  </div>
)
