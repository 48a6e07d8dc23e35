import { usePresent } from './presentContext'

/** How the wall reaches the room: in this browser, direct WebRTC, or through the class's relay. */
export const ReachSummary = () => {
  const reach = usePresent((s) => s.reach)
  if (reach === '') return null
  return (
    <p className="reach-summary" data-testid="reach-summary">
      {reach}
    </p>
  )
}
