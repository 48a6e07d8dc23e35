import { useLab } from './labContext'

const n = (v: number) => v.toLocaleString('en')

/** A trace on its way in: reading, preparing, typing (with a progress bar), done, stopped or failed. */
export const TraceCard = () => {
  const t = useLab((s) => s.trace)
  const replicas = useLab((s) => s.replicas.length)
  const actions = useLab((s) => s.actions)
  if (t === null) return null
  const busy = t.phase === 'reading' || t.phase === 'building' || t.phase === 'typing'
  let text: string
  switch (t.phase) {
    case 'reading':
      text = 'Reading and checking the file…'
      break
    case 'building':
      text = `Preparing ${n(t.total)} transactions…`
      break
    case 'typing':
      text = `Typing ${n(t.applied)} of ${n(t.total)} ${t.kind === 'sequential' ? `edits (${t.batch} per transaction, by A)` : 'transactions (each writer on its own replica)'} on ${replicas} replicas`
      break
    case 'done':
      text =
        t.mismatches !== null && t.mismatches.length === 0
          ? `Done: ${n(t.total)} ${t.kind === 'sequential' ? 'edits' : 'transactions'} typed; every replica's text equals the trace's end content (${n(t.endLength)} characters).`
          : `Done, but ${t.mismatches?.join(', ')} differ from the trace's end content.`
      break
    case 'stopped':
      text = `Stopped after ${n(t.applied)} of ${n(t.total)}.`
      break
    case 'failed':
      text = `Could not import “${t.fileName}”: ${t.error ?? 'unknown error'}`
      break
  }
  return (
    <section className={`card trace-card trace-${t.phase}`} aria-labelledby="trace-title" data-testid="trace" data-phase={t.phase}>
      <div className="card-head">
        <h2 id="trace-title">Trace: {t.fileName}</h2>
        {busy && (
          <button type="button" onClick={() => actions.cancelTrace()}>
            Stop
          </button>
        )}
      </div>
      {t.phase === 'failed' ? (
        <p role="alert" className="trace-error">
          {text}
        </p>
      ) : (
        <p className="trace-status">{text}</p>
      )}
      {(t.phase === 'building' || t.phase === 'typing') && (
        <progress aria-label="Trace progress" max={Math.max(1, t.total)} value={t.applied}>
          {Math.round((100 * t.applied) / Math.max(1, t.total))} %
        </progress>
      )}
      {t.phase === 'reading' && <progress aria-label="Trace progress" />}
    </section>
  )
}
