import { ReplicaBadge } from './ReplicaBadge'

export interface CounterWidgetProps {
  value: number
  entries: ReadonlyArray<readonly [string, number]>
  onAdd: (delta: number) => void
  /** Show who contributed what (default true). */
  showEntries?: boolean
  /** Names and colours of the contributors (default: "replica <id>" in its fallback colour). */
  who?: (clientID: number) => { name: string; color: string }
}

/** The counter's controls and value: the same widget in every view. */
export const CounterWidget = ({ value, entries, onAdd, showEntries = true, who }: CounterWidgetProps) => (
  <>
    <div className="counter-row">
      <button type="button" className="big" onClick={() => onAdd(-1)} aria-label="−1">
        −1
      </button>
      <output className="counter-value" aria-label="Counter value">
        {value}
      </output>
      <button type="button" className="big" onClick={() => onAdd(1)} aria-label="+1">
        +1
      </button>
    </div>
    {showEntries && entries.length > 0 && (
      <ul className="counter-entries">
        {entries.map(([id, n]) => (
          <li key={id}>
            <ReplicaBadge clientID={Number(id)} label={who?.(Number(id)).name} color={who?.(Number(id)).color} /> <strong>{n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0'}</strong>
          </li>
        ))}
      </ul>
    )}
  </>
)
