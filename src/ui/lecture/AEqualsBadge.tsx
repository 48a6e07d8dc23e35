import type { AEqualsA2 } from '../../core/lecture/types'
import { fmtPct } from './format'

/** The verdict for one approach: A = A′ (green), A ≠ A′ (red), or not comparable while one is down. */
export const AEqualsBadge = ({ v, withDetail = true }: { v: AEqualsA2; withDetail?: boolean }) => {
  const [cls, text] = !v.code ? ['differs', 'code differs'] : v.state === true ? ['equal', 'A = A′'] : v.state === false ? ['differs', 'A ≠ A′'] : ['off', 'A or A′ down']
  return (
    <span className="aa">
      <span className={`pill pill-${cls} aa-pill`}>{text}</span>
      {withDetail && (
        <span className="aa-detail">
          {v.detail}
          {v.equalFraction !== null && <> · equal {fmtPct(v.equalFraction)} of the time</>}
        </span>
      )}
    </span>
  )
}
