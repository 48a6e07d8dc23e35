import { useState } from 'react'
import { formatTime } from './diagram/diagramLayout'
import { useLab } from './labContext'

/** The open scenario: what happens and why, the claim, and whether it held once time reached its settling point. */
export const ScenarioCard = () => {
  const scenario = useLab((s) => s.scenario)
  const now = useLab((s) => (s.scenario !== null && s.scenario.outcome === null ? Math.floor(s.numbers.now / 100) * 100 : 0))
  const actions = useLab((s) => s.actions)
  // On a short screen (a 720-line projector) the explanation starts folded: the diagram comes first.
  const [open, setOpen] = useState(() => typeof window === 'undefined' || window.innerHeight >= 900)
  if (scenario === null) return null
  const o = scenario.outcome
  return (
    <section className="card scenario-card" aria-labelledby="scenario-title" data-testid="scenario">
      <div className="card-head">
        <h2 id="scenario-title">{scenario.title}</h2>
        <button type="button" className="link" onClick={() => actions.closeScenario()} aria-label="Close the scenario's explanation">
          ×
        </button>
      </div>
      <details className="scenario-explanation" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{open ? 'What happens, and why' : `What happens, and why: ${scenario.explanation[0]?.slice(0, 90) ?? ''}…`}</summary>
        {scenario.explanation.map((p) => (
          <p key={p} className="scenario-text">
            {p}
          </p>
        ))}
      </details>
      <p className={`scenario-claim${o === null ? '' : o.ok ? ' held' : ' failed'}`} data-outcome={o === null ? 'pending' : o.ok ? 'held' : 'failed'}>
        <strong>Claim:</strong> {scenario.claim}{' '}
        {o === null ? (
          <span className="muted">(checked at {formatTime(scenario.settleAt, 100)}; now {formatTime(now, 100)})</span>
        ) : (
          <span>
            — <strong>{o.ok ? '✓ held' : '✗ did not hold'}:</strong> {o.detail}
          </span>
        )}
      </p>
    </section>
  )
}
