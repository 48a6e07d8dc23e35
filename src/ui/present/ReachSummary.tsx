import { usePresent } from './presentContext'

/** How the wall reaches the room (in this browser, direct WebRTC, or through the class's relay), and how the students reach each other. */
export const ReachSummary = () => {
  const reach = usePresent((s) => s.reach)
  const students = usePresent((s) => s.studentReach)
  if (reach === '' && students === '') return null
  return (
    <>
      {reach !== '' && (
        <p className="reach-summary" data-testid="reach-summary">
          {reach}
        </p>
      )}
      {students !== '' && (
        <p className="reach-summary" data-testid="student-reach">
          {students}
        </p>
      )}
    </>
  )
}
