import './networkBanner.css'
import { useLive } from './liveContext'

/**
 * Says plainly what the teacher's network policy does to this replica (cut off, split, delayed,
 * lossy), so that nobody takes a cut-off replica for a broken app. Nothing when the network is as it is.
 */
export const NetworkBanner = () => {
  const lines = useLive((s) => s.network.lines)
  if (lines.length === 0) return null
  return (
    <section className="network-banner" role="status" aria-live="polite" data-testid="network-banner">
      <strong>Teacher's network controls</strong>
      {lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
    </section>
  )
}

/** The live room's way to the presenter view: same room, signaling and password (a new class key is made there). */
export const presentHref = (link: string): string => {
  const url = new URL(link)
  url.searchParams.set('view', 'present')
  url.searchParams.delete('teacher')
  const frag = new URLSearchParams(url.hash.slice(1))
  frag.delete('key')
  const f = frag.toString()
  return `?${url.searchParams.toString()}${f === '' ? '' : `#${f}`}`
}
