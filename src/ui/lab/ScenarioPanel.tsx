import { SCENARIOS } from '../../core/sim'
import { useLab } from './labContext'

/** The scripted scenarios, a click away; the explanation shows above the diagram. */
export const ScenarioPanel = () => {
  const current = useLab((s) => s.scenario?.id ?? null)
  const actions = useLab((s) => s.actions)
  return (
    <section className="card side-card" aria-labelledby="scenarios-title">
      <h2 id="scenarios-title">Scenarios</h2>
      <ul className="scenario-list">
        {SCENARIOS.map((s) => (
          <li key={s.id}>
            <button type="button" className={current === s.id ? 'scenario on' : 'scenario'} aria-pressed={current === s.id} onClick={() => actions.loadScenario(s.id)}>
              {s.title}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
