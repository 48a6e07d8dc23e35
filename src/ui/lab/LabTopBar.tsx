import { useState } from 'react'
import { useLab } from './labContext'

export const SPEEDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10] as const

const clock = (ms: number) => `${(ms / 1000).toFixed(2)} s`

/** Seed field: shows the run's seed; "New run" starts the same setup again with the seed typed. */
const SeedControl = () => {
  const seed = useLab((s) => s.seed)
  const actions = useLab((s) => s.actions)
  const [text, setText] = useState(String(seed))
  const [shown, setShown] = useState(seed)
  if (shown !== seed) {
    setShown(seed)
    setText(String(seed))
  }
  return (
    <form
      className="seed-control"
      onSubmit={(e) => {
        e.preventDefault()
        actions.restart(Number(text))
      }}
    >
      <label>
        Seed{' '}
        <input className="seed-input mono" inputMode="numeric" value={text} onChange={(e) => setText(e.target.value.trim())} aria-label="Seed" />
      </label>
      <button type="submit" title="Start again with the same replicas, links and scenario, and this seed">
        New run
      </button>
    </form>
  )
}

/** Virtual time and events run: changes every frame, so it re-renders alone. */
const Clock = () => {
  const now = useLab((s) => Math.floor(s.numbers.now / 10) * 10)
  const events = useLab((s) => s.numbers.events)
  return (
    <span className="clock" data-testid="clock" title="Virtual time and events run">
      <strong className="mono">{clock(now)}</strong> <span className="muted">{events.toLocaleString('en')} events</span>
    </span>
  )
}

/** Title, views, and the clock: play / pause, one step, speed, virtual time, seed. */
export const LabTopBar = () => {
  const playing = useLab((s) => s.playing)
  const speed = useLab((s) => s.speed)
  const actions = useLab((s) => s.actions)
  return (
    <header className="topbar lab-topbar">
      <div className="brand">
        <span className="logo">A = A′</span>
        <span className="lab-title">Lab</span>
      </div>
      <nav className="views" aria-label="Views">
        <a href="?">Live room</a>
        <a href="?view=lecture">Lecture</a>
      </nav>
      <div className="transport">
        <button type="button" className={`primary play${playing ? ' playing' : ''}`} onClick={() => (playing ? actions.pause() : actions.play())}>
          {playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button type="button" onClick={() => actions.step()} title="Run exactly one event (pauses)">
          Step
        </button>
        <label className="speed">
          Speed{' '}
          <select value={speed} onChange={(e) => actions.setSpeed(Number(e.target.value))} aria-label="Speed">
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <Clock />
      </div>
      <SeedControl />
    </header>
  )
}
