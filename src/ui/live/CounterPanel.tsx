import { ReplicaBadge } from '../widgets/ReplicaBadge'
import { useLive } from './liveContext'

/** The counter: each replica writes only its own count; the value is the sum. */
export const CounterPanel = () => {
  const counter = useLive((s) => s.counter)
  const actions = useLive((s) => s.actions)
  return (
    <section className="card play-counter" aria-labelledby="counter-title">
      <h2 id="counter-title">Counter</h2>
      <div className="counter-row">
        <button type="button" className="big" onClick={() => actions.addToCounter(-1)} aria-label="−1">
          −1
        </button>
        <output className="counter-value" aria-label="Counter value">
          {counter.value}
        </output>
        <button type="button" className="big" onClick={() => actions.addToCounter(1)} aria-label="+1">
          +1
        </button>
      </div>
      {counter.entries.length > 0 && (
        <ul className="counter-entries">
          {counter.entries.map(([id, n]) => (
            <li key={id}>
              <ReplicaBadge clientID={Number(id)} /> <strong>{n > 0 ? `+${n}` : n}</strong>
            </li>
          ))}
        </ul>
      )}
      <p className="explain">
        Each replica only changes its own entry, and the value shown is the sum. One shared number would lose
        increments: two replicas that both read 5 and write 6 at the same time end at 6, not 7, because the
        last write wins.
      </p>
    </section>
  )
}
