import { FAULT_TEXT } from '../../core/lecture/approachInfo'
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

/** One toggle per fault: click to inject into every approach at once, click again to recover. */
export const FaultBar = () => (
  <fieldset className="fault-bar">
    <legend className="fault-bar-title">Faults</legend>
    {FAULT_KINDS.map((f) => (
      <FaultButton key={f} fault={f} />
    ))}
  </fieldset>
)
