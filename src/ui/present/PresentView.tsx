import './present.css'
import { Notices } from '../live/Notices'
import { SharedTextArea } from '../live/SharedTextArea'
import { GroupBuckets } from './GroupBuckets'
import { JoinPanel } from './JoinPanel'
import { KeyPanel } from './KeyPanel'
import { NetworkControls } from './NetworkControls'
import { ReachSummary } from './ReachSummary'
import { RoomVerdictBanner } from './RoomVerdictBanner'
import { TileGrid } from './TileGrid'

/**
 * The classroom's wall at 1920×1080: the room-wide verdict across the top, how to join and the
 * presenter's own replica on the left, the teacher's controls and every replica's tile on the right.
 */
export const PresentView = () => (
  <div className="present">
    <RoomVerdictBanner />
    <div className="present-body">
      <aside className="present-side">
        <JoinPanel />
        <SharedTextArea />
      </aside>
      <main className="present-main">
        <Notices />
        <KeyPanel />
        <NetworkControls />
        <ReachSummary />
        <GroupBuckets />
        <TileGrid />
      </main>
    </div>
  </div>
)
