import { usePresent } from './presentContext'

/** The first thing the eye finds on the wall: one verdict over the whole room, and what differs. */
export const RoomVerdictBanner = () => {
  const v = usePresent((s) => s.verdict)
  return (
    <section className={`room-verdict verdict-${v.kind}`} role="status" aria-live="polite" data-testid="room-verdict" data-verdict={v.kind}>
      <div className="room-verdict-headline">{v.headline}</div>
      <ul className="room-verdict-details">
        {v.details.map((d, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines may repeat; the list is replaced whole
          <li key={i}>{d}</li>
        ))}
      </ul>
    </section>
  )
}
