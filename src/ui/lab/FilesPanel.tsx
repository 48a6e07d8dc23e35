import { useLab } from './labContext'

/** A file input dressed as a button; the input keeps the accessible name. */
const FileButton = ({ label, accept, onFile }: { label: string; accept: string; onFile: (f: File) => void }) => (
  <label className="file-button">
    {label}
    <input
      type="file"
      accept={accept}
      onChange={(e) => {
        const f = e.target.files?.[0]
        e.target.value = ''
        if (f !== undefined) onFile(f)
      }}
    />
  </label>
)

/** Real editing traces in; runs out and back in. */
export const FilesPanel = () => {
  const actions = useLab((s) => s.actions)
  const blocked = useLab((s) => s.exportBlocked)
  return (
    <section className="card side-card" aria-labelledby="files-title">
      <h2 id="files-title">Traces and runs</h2>
      <FileButton label="Import trace (.json, .json.gz)" accept=".json,.gz,application/json,application/gzip" onFile={(f) => actions.importTrace(f)} />
      <p className="explain">
        A real editing trace (josephg/editing-traces format) is typed on the replicas over this network: a sequential one by A, a concurrent one by
        one replica per writer.
      </p>
      <div className="button-row">
        <button type="button" onClick={() => actions.exportRun()} disabled={blocked !== null} title={blocked ?? 'Seed, setup and every action with its virtual time, as JSON'}>
          Export run
        </button>
        <FileButton label="Import run" accept=".json,application/json" onFile={(f) => actions.importRun(f)} />
      </div>
    </section>
  )
}
