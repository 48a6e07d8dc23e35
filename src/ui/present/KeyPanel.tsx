import { blockedByOtherKey } from '../../state/present/presentStore'
import { usePresent } from './presentContext'

/**
 * What the teacher must know about the wall's key: this address is theirs alone (and kept on this
 * device); replicas that follow another key (an earlier wall's) are not reached, with the choice
 * to take over; and who tried to send network controls that were refused.
 */
export const KeyPanel = () => {
  const key = usePresent((s) => s.key)
  const control = usePresent((s) => s.control)
  const actions = usePresent((s) => s.actions)
  const room = usePresent((s) => s.room)
  if (!control.ok) return null
  const replicas = key.others === 1 ? '1 replica here follows' : `${key.others} replicas here follow`
  return (
    <section className="key-panel" aria-label="The teacher's key" data-testid="key-panel">
      {blockedByOtherKey(key) ? (
        <div className="key-warning" role="alert">
          <p>
            <strong>{replicas} another teacher key</strong> (an earlier wall of this room): these controls do not reach
            them. Open the wall's address you kept, or take over with this wall's key: students must then scan this code
            again.
          </p>
          <button type="button" className="big-button" onClick={() => actions.takeOver()}>
            Take over with this wall's key
          </button>
        </div>
      ) : key.others > 0 ? (
        <p className="key-warning">{replicas} the old key: ask them to scan the code again.</p>
      ) : (
        <p className="key-note">
          {key.restored ? 'Your key for this room, restored. ' : ''}This address is yours alone: it holds the key to the
          controls. {key.kept ? `Keep it; this device remembers it for “${room}”.` : 'Keep it (bookmark it).'}
        </p>
      )}
      {key.refusedFrom.length > 0 && (
        <p className="key-refused" data-testid="refused-from">
          Refused network controls from {key.refusedFrom.slice(0, 3).join(', ')}
          {key.refusedFrom.length > 3 ? ` and ${key.refusedFrom.length - 3} more` : ''}: only this wall controls the network.
        </p>
      )}
    </section>
  )
}
