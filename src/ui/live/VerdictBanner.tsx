import { overallVerdict } from '../../state/live/overallVerdict'
import { RelationText } from '../widgets/RelationText'
import { useLive } from './liveContext'

/** The first thing the eye finds: does A = A′ hold, and if not, what differs. */
export const VerdictBanner = () => {
  const peers = useLive((s) => s.peers)
  const online = useLive((s) => s.online)
  const v = overallVerdict(peers, online, Date.now())
  return (
    <section className={`verdict verdict-${v.kind}`} role="status" aria-live="polite" data-testid="verdict" data-verdict={v.kind}>
      <div className="verdict-headline" data-testid="verdict-headline">
        <RelationText text={v.headline} />
      </div>
      <div className="verdict-detail">{v.detail}</div>
    </section>
  )
}
