import { useLab } from './labContext'
import { Slider } from './Slider'

const weight = (v: number) => String(v)

/** The random workload: edits per virtual second and the mix of text, notes and counter edits. */
export const WorkloadPanel = () => {
  const w = useLab((s) => s.workload)
  const typing = useLab((s) => s.trace?.phase === 'typing')
  const actions = useLab((s) => s.actions)
  return (
    <section className="card side-card" aria-labelledby="workload-title">
      <h2 id="workload-title">Workload</h2>
      <Slider label="Edits per s" value={w.rate} min={1} max={100} step={1} format={(v) => `${v} /s`} onChange={(v) => actions.setWorkload(v, w.mix)} />
      <Slider label="Text" value={w.mix.text} min={0} max={10} step={1} format={weight} onChange={(v) => actions.setWorkload(w.rate, { ...w.mix, text: v })} />
      <Slider label="Notes" value={w.mix.notes} min={0} max={10} step={1} format={weight} onChange={(v) => actions.setWorkload(w.rate, { ...w.mix, notes: v })} />
      <Slider label="Counter" value={w.mix.counter} min={0} max={10} step={1} format={weight} onChange={(v) => actions.setWorkload(w.rate, { ...w.mix, counter: v })} />
      <div className="button-row">
        {w.running ? (
          <button type="button" className="primary" onClick={() => actions.stopWorkload()}>
            Stop workload
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => actions.startWorkload()} disabled={typing}>
            Start workload
          </button>
        )}
        <span className="muted">{w.running ? `running: ${w.done} edits` : w.done > 0 ? `${w.done} edits made` : 'random edits on random replicas'}</span>
      </div>
    </section>
  )
}
