import { StateVectorTable } from '../widgets/StateVectorTable'
import { useLab } from './labContext'

/** Which writers' ops each replica holds: the StateVectorTable shared with the live room. */
export const StateVectorPanel = () => {
  const rows = useLab((s) => s.svRows)
  return (
    <section className="card lab-sv" aria-labelledby="sv-title">
      <div className="card-head">
        <h2 id="sv-title">State vectors</h2>
        <span className="muted">rows: replicas · columns: writers (client ids) · red: ops not received yet</span>
      </div>
      <div className="sv-scroll">
        <StateVectorTable rows={rows} />
      </div>
    </section>
  )
}
