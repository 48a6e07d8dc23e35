import { sameGroup } from '../../state/live/networkView'
import { overallVerdict } from '../../state/live/overallVerdict'
import { RelationText } from '../widgets/RelationText'
import { useLive } from './liveContext'

/** While the page shows what this device saved and the replica is starting (LiveState.opening). */
const OPENING = { kind: 'opening', headline: 'A', detail: 'Opening this room as this device saved it; the replica starts in a moment.' } as const

/** The first thing the eye finds: does A = A′ hold, and if not, what differs. */
export const VerdictBanner = () => {
  const peers = useLive((s) => s.peers)
  const online = useLive((s) => s.online)
  const opening = useLive((s) => s.opening)
  const group = useLive((s) => s.network.group)
  // While the class is split, this replica is compared with its own group: each group agrees inside itself.
  const mine = sameGroup(group, peers.map((p) => p.clientID))
  const v = opening
    ? OPENING
    : group === null
      ? overallVerdict(peers, online, Date.now())
      : overallVerdict(peers.filter((p) => mine.has(p.clientID)), online, Date.now(), { group: group.index + 1, groups: group.count })
  return (
    <section className={`verdict verdict-${v.kind === 'opening' ? 'alone' : v.kind}`} role="status" aria-live="polite" data-testid="verdict" data-verdict={v.kind}>
      <div className="verdict-headline" data-testid="verdict-headline">
        <RelationText text={v.headline} />
      </div>
      <div className="verdict-detail">{v.detail}</div>
    </section>
  )
}
