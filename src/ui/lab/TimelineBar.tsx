import type { KeyboardEvent } from 'react'
import { useLab } from './labContext'

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`

/**
 * The run in time, under the diagram: drag or click anywhere to see every view as it was then;
 * arrow keys step one event (or action) back or forward, Home and End jump to the start and the
 * end. Looking back, Play replays what happened; any change there forks a new future, and the old
 * one stays as a branch listed here.
 */
export const TimelineBar = () => {
  // The shown numbers' clock: every frame while paused or scrubbing, ~10 times a second while time runs.
  const now = useLab((s) => s.numbers.now)
  const tl = useLab((s) => s.timeline)
  const actions = useLab((s) => s.actions)
  const end = Math.max(tl.end, now)
  const blocked = tl.blocked !== null
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const key = e.key
    if (key === 'ArrowLeft' || key === 'ArrowDown') actions.stepBack()
    else if (key === 'ArrowRight' || key === 'ArrowUp') actions.step()
    else if (key === 'Home') actions.seek(0)
    else if (key === 'End') actions.seek(end)
    else return
    e.preventDefault()
  }
  const branches = tl.branches
  return (
    <div className={`timeline${tl.atEnd ? '' : ' looking-back'}`} data-testid="timeline">
      <div className="timeline-row">
        <button type="button" onClick={() => actions.stepBack()} disabled={blocked || now <= 0} aria-label="One event back" title="One event back (←)">
          ◀
        </button>
        <div className="timeline-track">
          <input
            type="range"
            className="timeline-slider"
            aria-label="Time"
            aria-valuetext={`${secs(now)} of ${secs(end)}`}
            min={0}
            max={Math.max(end, 1)}
            step="any"
            value={now}
            disabled={blocked}
            onChange={(e) => actions.seek(Number(e.target.value))}
            onKeyDown={onKeyDown}
          />
          {branches
            .filter((b) => b.forkAt !== null && (b.current || branches.find((c) => c.current)?.id === b.parent))
            .map((b) => (
              <span key={b.id} className="timeline-fork" style={{ left: `${(100 * (b.forkAt ?? 0)) / Math.max(end, 1)}%` }} title={`${b.name}`} />
            ))}
        </div>
        <button type="button" onClick={() => actions.step()} disabled={blocked} aria-label="One event forward" title="One event forward (→)">
          ▶
        </button>
        <span className="timeline-time mono">
          <strong>{secs(now)}</strong> / {secs(end)}
        </span>
        {!tl.atEnd && (
          <button type="button" onClick={() => actions.seek(end)} title="Back to the present of this branch">
            Go to end
          </button>
        )}
      </div>
      <p className="timeline-hint">
        {blocked
          ? tl.blocked
          : tl.atEnd
            ? 'Drag back to see any moment again (← → step one event).'
            : 'Looking back: every view shows the run as it was then. ▶ Play replays it; any change from here forks a new future, and this one is kept.'}
      </p>
      {branches.length > 1 && (
        <fieldset className="branches" aria-label="Branches">
          <legend className="muted">Branches:</legend>
          {branches.map((b) => (
            <button key={b.id} type="button" className={b.current ? 'toggle on' : 'toggle'} aria-pressed={b.current} onClick={() => actions.switchBranch(b.id)} title={`ends at ${secs(b.end)}`}>
              {b.name}
            </button>
          ))}
        </fieldset>
      )}
    </div>
  )
}
