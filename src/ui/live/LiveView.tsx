import { ConnectionPanel } from './ConnectionPanel'
import { CounterPanel } from './CounterPanel'
import { InspectorPanel } from './InspectorPanel'
import { NetworkBanner } from './NetworkBanner'
import { NotesBoard } from './NotesBoard'
import { Notices } from './Notices'
import { PeersPanel } from './PeersPanel'
import { SafetyBar } from './SafetyBar'
import { SelfPanel } from './SelfPanel'
import { SharedTextArea } from './SharedTextArea'
import { TopBar } from './TopBar'
import { VerdictBanner } from './VerdictBanner'

/** The live room: things to play with on the left, the replica and its peers on the right. */
export const LiveView = () => (
  <div className="live">
    <TopBar />
    <SafetyBar />
    <VerdictBanner />
    <NetworkBanner />
    <Notices />
    <main className="live-grid">
      <div className="col play">
        <SharedTextArea />
        <CounterPanel />
        <NotesBoard />
      </div>
      <div className="col replica">
        <SelfPanel />
        <PeersPanel />
        <InspectorPanel />
        <ConnectionPanel />
      </div>
    </main>
  </div>
)
