import { ConnectionPanel } from './ConnectionPanel'
import { CounterPanel } from './CounterPanel'
import { HistoryPanel } from './HistoryPanel'
import { InspectorPanel } from './InspectorPanel'
import { useLive } from './liveContext'
import { NameCard } from './NameForm'
import { NetworkBanner } from './NetworkBanner'
import { NotesBoard } from './NotesBoard'
import { Notices } from './Notices'
import { PeersPanel } from './PeersPanel'
import { RoomStrip } from './RoomStrip'
import { SafetyBar } from './SafetyBar'
import { SelfPanel } from './SelfPanel'
import { SharedTextArea } from './SharedTextArea'
import { TopBar } from './TopBar'
import { VerdictBanner } from './VerdictBanner'

/**
 * The live room: things to play with on the left, the replica and its peers on the right. In
 * projector mode only the verdict, who is in the room and the shared things, all large.
 */
export const LiveView = () => {
  const projector = useLive((s) => s.mode === 'projector')
  return (
    <div className={`live${projector ? ' projector' : ''}`} data-mode={projector ? 'projector' : 'normal'}>
      <TopBar />
      <SafetyBar />
      <VerdictBanner />
      <NetworkBanner />
      <Notices />
      {!projector && <NameCard />}
      {projector ? (
        <main className="projector-grid">
          <RoomStrip />
          <SharedTextArea />
          <CounterPanel />
          <NotesBoard />
        </main>
      ) : (
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
            <HistoryPanel />
            <ConnectionPanel />
          </div>
        </main>
      )}
    </div>
  )
}
