import './safety.css'
import { SavedOnDevice } from './SavedOnDevice'

/** Under the top bar: whether this room is kept on this device, and who may join it. */
export const SafetyBar = () => (
  <div className="safety-bar">
    <SavedOnDevice />
  </div>
)
