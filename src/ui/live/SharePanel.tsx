import { useEffect, useState } from 'react'
import { useLive } from './liveContext'

/** The room's link and a QR code of it, for joining from a phone or another computer. */
export const SharePanel = ({ onClose }: { onClose: () => void }) => {
  const link = useLive((s) => s.link)
  const qr = useLive((s) => s.actions.qrCodeSvg)
  const [svg, setSvg] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    qr(link).then(
      (s) => live && setSvg(s),
      (e: unknown) => live && setError(String(e)),
    )
    return () => {
      live = false
    }
  }, [link, qr])
  return (
    <div className="share" role="dialog" aria-label="Share this room">
      <p>Open this link on another device to join the room:</p>
      <input className="mono share-link" readOnly value={link} aria-label="Room link" onFocus={(e) => e.target.select()} />
      {svg !== null && (
        // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG made locally by the qrcode library from our own link
        <div className="qr" dangerouslySetInnerHTML={{ __html: svg }} />
      )}
      {error !== null && <p className="notice notice-error">Could not draw the QR code: {error}</p>}
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  )
}
