import { CounterWidget } from '../widgets/CounterWidget'
import { useLive } from './liveContext'
import { useNames } from './useNames'

/** The counter: each replica writes only its own count; the value is the sum. */
export const CounterPanel = () => {
  const counter = useLive((s) => s.counter)
  const actions = useLive((s) => s.actions)
  const who = useNames()
  return (
    <section className="card play-counter" aria-labelledby="counter-title">
      <h2 id="counter-title">Counter</h2>
      <CounterWidget value={counter.value} entries={counter.entries} onAdd={actions.addToCounter} who={who} />
      <p className="explain">
        Each replica only changes its own entry, and the value shown is the sum. One shared number would lose
        increments: two replicas that both read 5 and write 6 at the same time end at 6, not 7, because the
        last write wins.
      </p>
    </section>
  )
}
