import { useShallow } from 'zustand/react/shallow'
import { useSafety } from './safetyContext'

const KIND = { 'mass-delete': 'Deleted most of the document', 'far-clock': 'Clocks from nowhere', 'claimed-id': 'Claimed an identity' } as const

/** On a peer's card: what it was flagged for, and the undo of its changes. */
export const PeerFlags = ({ clientID }: { clientID: number }) => {
  const flags = useSafety(useShallow((s) => s.flags.filter((f) => f.clientID === clientID)))
  const undoable = useSafety((s) => s.undoable.includes(clientID))
  const undo = useSafety((s) => s.actions.undoPeer)
  if (flags.length === 0) return null
  return (
    <div className="peer-flags" data-testid="peer-flags">
      <ul className="flags">
        {flags.slice(0, 3).map((f) => (
          <li key={f.seq} className="flag">
            <span className="flag-kind">⚠ {KIND[f.kind]}</span>
            {f.text}
          </li>
        ))}
      </ul>
      {undoable && (
        <button type="button" onClick={() => undo(clientID)}>
          Undo what this replica did
        </button>
      )}
    </div>
  )
}
