import { usePresent } from './presentContext'

/** How the wall reaches the room (in this browser, direct WebRTC, or through the class's relay), and how the students reach each other: one line where it fits. */
export const ReachSummary = () => {
  const reach = usePresent((s) => s.reach)
  const students = usePresent((s) => s.studentReach)
  if (reach === '' && students === '') return null
  return (
    <p className="reach-summary">
      {reach !== '' && <span data-testid="reach-summary">{reach}.</span>}
      {reach !== '' && students !== '' && ' '}
      {students !== '' && <span data-testid="student-reach">{students}.</span>}
    </p>
  )
}
