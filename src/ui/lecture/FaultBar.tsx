import { useMemo } from 'react'
import { FAULT_TEXT } from '../../core/lecture/approachInfo'
import { faultReading } from '../../state/lecture/faultReading'
import { tableMetrics } from '../../state/lecture/lectureStore'
import { faultMatrix } from '../../state/lecture/summaryRows'
import { FAULT_KINDS, type FaultKind } from '../../core/lecture/types'
import { fmtTime } from './format'
import { useLecture } from './lectureContext'
import { FAULT_BUTTONS } from './names'

const FaultButton = ({ fault }: { fault: FaultKind }) => {
  const state = useLecture((s) => s.faults[fault])
  const toggle = useLecture((s) => s.actions.toggleFault)
  const statusId = `fault-status-${fault}`
  const status = state.phase === 'active' ? `on since ${fmtTime(state.since)}` : state.phase === 'recovering' ? 'recovering…' : 'off'
  return (
    <div className={`fault fault-${state.phase}`}>
      <button type="button" aria-pressed={state.phase === 'active'} aria-describedby={statusId} title={FAULT_TEXT[fault].detail} onClick={() => toggle(fault)}>
        {FAULT_BUTTONS[fault].label}
      </button>
      <span id={statusId} className="fault-status">
        {status}
      </span>
    </div>
  )
}

/** What the fault touched last showed, in one line (from the availability grid). */
const FaultReading = () => {
  const last = useLecture((s) => {
    let best: FaultKind | null = null
    for (const f of FAULT_KINDS) if (s.faults[f].since > 0 && (best === null || s.faults[f].since > s.faults[best].since)) best = f
    return best
  })
  const info = useLecture((s) => s.approaches)
  const metrics = useLecture(tableMetrics)
  const line = useMemo(() => (last === null ? null : faultReading(last, FAULT_BUTTONS[last].label, faultMatrix(info, metrics))), [last, info, metrics])
  if (line === null) return null
  return (
    <p className="fault-reading" data-testid="fault-reading" aria-live="polite">
      {line}
    </p>
  )
}

/** One toggle per fault: click to inject into every approach at once, click again to recover. */
export const FaultBar = () => (
  <fieldset className="fault-bar">
    <legend className="fault-bar-title">Faults</legend>
    {FAULT_KINDS.map((f) => (
      <FaultButton key={f} fault={f} />
    ))}
    <FaultReading />
  </fieldset>
)
