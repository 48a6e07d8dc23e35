import { type FormEvent, useEffect, useState } from 'react'
import { SPEEDS } from '../../state/lecture/speeds'
import { fmtTime } from './format'
import { useLecture } from './lectureContext'

/** Virtual time: play/pause, one-second steps, speed, and the clock itself. */
export const ClockControls = () => {
  const playing = useLecture((s) => s.playing)
  const speed = useLecture((s) => s.speed)
  const actual = useLecture((s) => s.actualSpeed)
  const now = useLecture((s) => s.frame.now)
  const actions = useLecture((s) => s.actions)
  const behind = playing && actual !== null && actual < speed * 0.8
  return (
    <fieldset className="lecture-group clock">
      <legend className="sr-only">Time</legend>
      <button type="button" className="primary play" onClick={() => (playing ? actions.pause() : actions.play())}>
        {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" onClick={() => actions.stepBy(1000)} title="Run one second of virtual time at once">
        +1 s
      </button>
      <span className="clock-time">
        <span className="sr-only">Virtual time </span>
        {fmtTime(now)}
      </span>
      <fieldset className="speeds">
        <legend className="sr-only">Speed</legend>
        {SPEEDS.map((x) => (
          <button key={x} type="button" aria-pressed={speed === x} onClick={() => actions.setSpeed(x)}>
            {x}×
          </button>
        ))}
      </fieldset>
      {behind && (
        <span className="behind" role="status" title="This machine cannot simulate that fast: virtual time runs slower than the speed asked">
          only {actual.toFixed(2)}×
        </span>
      )}
    </fieldset>
  )
}

/** The request stream's rate: 0 stops it. */
export const RateControl = () => {
  const rate = useLecture((s) => s.requestRate)
  const actions = useLecture((s) => s.actions)
  return (
    <label className="lecture-group rate">
      <span>Requests / s</span>
      <input type="range" min={0} max={200} step={5} value={rate} onChange={(e) => actions.setRequestRate(Number(e.target.value))} />
      <output className="mono">{rate}</output>
    </label>
  )
}

/** The seed, shown for replay and editable: Reset starts over with the seed in the field. */
export const SeedControl = () => {
  const seed = useLecture((s) => s.seed)
  const actions = useLecture((s) => s.actions)
  const [text, setText] = useState(String(seed))
  useEffect(() => setText(String(seed)), [seed])
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const n = Number(text)
    if (text.trim() !== '' && Number.isInteger(n) && n >= 0) actions.setSeed(n)
    else setText(String(seed))
  }
  return (
    <form className="lecture-group seed" onSubmit={submit}>
      <label>
        <span>Seed</span>
        <input className="mono" type="number" min={0} step={1} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <button type="submit" title="Start over at time 0 with this seed: the same seed replays the same run">
        Reset
      </button>
    </form>
  )
}

/** The standard experiment: every fault alone for 2 s, run to the end, results into the table. */
export const ExperimentControl = () => {
  const experiment = useLecture((s) => s.experiment)
  const actions = useLecture((s) => s.actions)
  const running = experiment.status === 'running'
  return (
    <div className="lecture-group experiment">
      <button type="button" className="primary" disabled={running} onClick={() => actions.runStandardExperiment()}>
        Run the standard experiment
      </button>
      <span className="muted" role="status">
        {running && 'running… (a few seconds)'}
        {experiment.status === 'done' && `done (seed ${experiment.seed}): see the table`}
        {experiment.status === 'failed' && `failed: ${experiment.error}`}
      </span>
    </div>
  )
}

/** Hide the prose and let the numbers speak. */
export const WordsToggle = () => {
  const show = useLecture((s) => s.showWords)
  const compact = useLecture((s) => s.compact)
  const actions = useLecture((s) => s.actions)
  return (
    <>
      <label className="switch words-toggle" title="All six approaches side by side, numbers large (?layout=compact)">
        <input type="checkbox" checked={compact} onChange={(e) => actions.setCompact(e.target.checked)} />
        <span>Compact</span>
      </label>
      {!compact && (
        <label className="switch words-toggle">
          <input type="checkbox" checked={show} onChange={(e) => actions.setShowWords(e.target.checked)} />
          <span>Explanations</span>
        </label>
      )}
    </>
  )
}
