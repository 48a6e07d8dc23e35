import { useState } from 'react'
import type { LinkParams } from '../../core/sim'
import { useLab } from './labContext'
import { ms, percent, Slider } from './Slider'

/**
 * Link behaviour: the defaults of every link, or one link's own settings (both directions, or just
 * one). Latency and jitter in virtual ms; loss, duplication and reordering as chances per message.
 */
export const LinkEditor = () => {
  const replicas = useLab((s) => s.replicas)
  const defaults = useLab((s) => s.link)
  const overrides = useLab((s) => s.overrides)
  const actions = useLab((s) => s.actions)
  const [target, setTarget] = useState('all')
  const [both, setBoth] = useState(true)
  const byId = new Map(replicas.map((r) => [r.id, r]))
  const pair = target === 'all' ? null : (target.split('>').map(Number) as [number, number])
  const valid = pair === null || (byId.has(pair[0]) && byId.has(pair[1]))
  const own = pair === null || !valid ? undefined : overrides.find((o) => o.from === pair[0] && o.to === pair[1])
  const shown: LinkParams = { ...defaults, ...(own?.params ?? {}) }
  const set = (p: Partial<LinkParams>) => {
    if (pair === null || !valid) actions.setLinkDefaults(p)
    else {
      actions.setLink(pair[0], pair[1], p)
      if (both) actions.setLink(pair[1], pair[0], p)
    }
  }
  const name = (id: number) => byId.get(id)?.name ?? `#${id}`
  return (
    <div className="link-editor">
      <label className="link-target">
        Settings for{' '}
        <select value={valid ? target : 'all'} onChange={(e) => setTarget(e.target.value)} aria-label="Link to set">
          <option value="all">every link (defaults)</option>
          {replicas.flatMap((a) =>
            replicas
              .filter((b) => b.id !== a.id)
              .map((b) => (
                <option key={`${a.id}>${b.id}`} value={`${a.id}>${b.id}`}>
                  {a.name} → {b.name}
                </option>
              )),
          )}
        </select>
      </label>
      {pair !== null && valid && (
        <label className="check">
          <input type="checkbox" checked={both} onChange={(e) => setBoth(e.target.checked)} /> and {name(pair[1])} → {name(pair[0])}
        </label>
      )}
      <Slider label="Latency" value={shown.latencyMs} min={0} max={1000} step={10} format={ms} onChange={(v) => set({ latencyMs: v })} />
      <Slider label="Jitter" value={shown.jitterMs} min={0} max={500} step={5} format={ms} onChange={(v) => set({ jitterMs: v })} />
      <Slider label="Loss" value={shown.loss} min={0} max={1} step={0.01} format={percent} onChange={(v) => set({ loss: v })} />
      <Slider label="Duplication" value={shown.duplicate} min={0} max={1} step={0.01} format={percent} onChange={(v) => set({ duplicate: v })} />
      <Slider label="Reordering" value={shown.reorder} min={0} max={1} step={0.01} format={percent} onChange={(v) => set({ reorder: v })} />
      {overrides.length > 0 && (
        <ul className="overrides">
          {overrides.map((o) => (
            <li key={`${o.from}>${o.to}`}>
              <button type="button" className="link small" onClick={() => setTarget(`${o.from}>${o.to}`)}>
                {name(o.from)} → {name(o.to)}
              </button>{' '}
              <span className="muted">{summarize(o.params)}</span>{' '}
              <button type="button" className="link small" onClick={() => actions.clearLink(o.from, o.to)} aria-label={`Reset ${name(o.from)} → ${name(o.to)}`}>
                reset
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

const summarize = (p: Partial<LinkParams>): string =>
  [
    p.latencyMs !== undefined ? `${p.latencyMs} ms` : null,
    p.jitterMs !== undefined ? `±${p.jitterMs} ms` : null,
    p.loss !== undefined ? `loss ${percent(p.loss)}` : null,
    p.duplicate !== undefined ? `dup ${percent(p.duplicate)}` : null,
    p.reorder !== undefined ? `reorder ${percent(p.reorder)}` : null,
  ]
    .filter((x) => x !== null)
    .join(', ')
