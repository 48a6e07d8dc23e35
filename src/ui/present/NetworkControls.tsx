import { useEffect, useState } from 'react'
import { summarizePolicy } from '../../core/policy/describePolicy'
import { MAX_DELAY_MS, MAX_LOSS } from '../../core/policy/NetworkPolicy'
import { blockedByOtherKey } from '../../state/present/presentStore'
import { usePresent } from './presentContext'

/** How long a slider rests before its value is signed and sent (one new policy version per setting, not per pixel). */
const SETTLE_MS = 250

const ScopeSelect = ({ label, value, groups, onChange, disabled }: { label: string; value: number | null; groups: number; onChange: (g: number | null) => void; disabled: boolean }) => (
  <select aria-label={label} value={value === null ? 'all' : String(value)} disabled={disabled} onChange={(e) => onChange(e.target.value === 'all' ? null : Number(e.target.value))}>
    <option value="all">for everyone</option>
    {Array.from({ length: groups }, (_, g) => String(g)).map((g) => (
      <option key={g} value={g}>
        for group {Number(g) + 1}
      </option>
    ))}
  </select>
)

/** A slider whose value is sent once it rests. */
const SettlingRange = (p: { label: string; value: number; max: number; step: number; format: (v: number) => string; onSettle: (v: number) => void; disabled: boolean }) => {
  const [v, setV] = useState(p.value)
  useEffect(() => setV(p.value), [p.value])
  const { onSettle, value } = p
  useEffect(() => {
    if (v === value) return
    const t = setTimeout(() => onSettle(v), SETTLE_MS)
    return () => clearTimeout(t)
  }, [v, value, onSettle])
  return (
    <label className="range">
      <span>
        {p.label} <strong>{p.format(v)}</strong>
      </span>
      <input type="range" aria-label={p.label} min={0} max={p.max} step={p.step} value={v} disabled={p.disabled} onChange={(e) => setV(Number(e.target.value))} />
    </label>
  )
}

/** The teacher's network controls: split, heal, delay and loss, for everyone or one group. */
export const NetworkControls = () => {
  const policy = usePresent((s) => s.policy)
  const control = usePresent((s) => s.control)
  const actions = usePresent((s) => s.actions)
  const key = usePresent((s) => s.key)
  const off = !control.ok || blockedByOtherKey(key)
  const groups = policy.groups.length
  return (
    <section className="net-controls" aria-label="Network controls">
      <div className="net-buttons">
        <button type="button" className="primary big-button" disabled={off} onClick={() => actions.splitInTwo()}>
          Split the class in two
        </button>
        <button type="button" className="big-button heal" disabled={off} onClick={() => actions.heal()}>
          Heal
        </button>
      </div>
      <div className="net-ranges">
        <SettlingRange
          label="Delay"
          value={policy.delay.ms}
          max={MAX_DELAY_MS}
          step={250}
          format={(v) => `${(v / 1000).toFixed(2)} s`}
          disabled={off}
          onSettle={(v) => actions.setDelay(v, policy.delay.group)}
        />
        <ScopeSelect label="Delay applies" value={policy.delay.group} groups={groups} disabled={off} onChange={(g) => actions.setDelay(policy.delay.ms, g)} />
        <SettlingRange
          label="Loss"
          value={Math.round(policy.loss.rate * 100)}
          max={MAX_LOSS * 100}
          step={5}
          format={(v) => `${v}%`}
          disabled={off}
          onSettle={(v) => actions.setLoss(v / 100, policy.loss.group)}
        />
        <ScopeSelect label="Loss applies" value={policy.loss.group} groups={groups} disabled={off} onChange={(g) => actions.setLoss(policy.loss.rate, g)} />
      </div>
      <p className="net-summary" data-testid="policy-summary">
        Network: {summarizePolicy(policy)}
      </p>
      {!control.ok && (
        <p className="net-refused" role="alert">
          {control.reason}
        </p>
      )}
    </section>
  )
}
