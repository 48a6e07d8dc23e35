import './safety.css'
import { RoomPassword } from './RoomPassword'
import { SavedOnDevice } from './SavedOnDevice'

/** Under the top bar: whether this room is kept on this device, and who may join it. */
export const SafetyBar = () => (
  <div className="safety-bar">
    <SavedOnDevice />
    <RoomPassword />
  </div>
)
