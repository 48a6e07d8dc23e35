import { useEffect, useRef, useState } from 'react'
import { useLive } from './liveContext'

/**
 * The room's link and a QR code of it, large enough to scan from the back of a room. On a page
 * opened at localhost the link uses this computer's network address when the app knows it, and
 * says so; when it does not (a static build), it says that other devices cannot open it.
 */
export const SharePanel = ({ onClose }: { onClose: () => void }) => {
  const share = useLive((s) => s.share)
  const qr = useLive((s) => s.actions.qrCodeSvg)
  const [svg, setSvg] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const close = useRef<HTMLButtonElement>(null)
  // Focus moves into the dialog (so Escape closes it), and back is the page's business.
  useEffect(() => close.current?.focus(), [])
  useEffect(() => {
    let live = true
    qr(share.link).then(
      (s) => live && setSvg(s),
      (e: unknown) => live && setError(String(e)),
    )
    return () => {
      live = false
    }
  }, [share.link, qr])
  return (
    <div className="share-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="share" role="dialog" aria-modal="true" aria-label="Share this room" data-testid="share">
        <div className="share-text">
          <h2>Join this room</h2>
          <p>Scan the code, or open this link on another device:</p>
          <input className="mono share-link" readOnly value={share.link} aria-label="Room link" onFocus={(e) => e.target.select()} />
          {share.note !== null && (
            <p className={share.localOnly ? 'notice notice-warning' : 'info-box'} data-testid="share-note">
              {share.note}
            </p>
          )}
          {error !== null && <p className="notice notice-error">Could not draw the QR code: {error}</p>}
          <button type="button" onClick={onClose} ref={close}>
            Close
          </button>
        </div>
        {svg !== null && (
          // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG made locally by the qrcode library from our own link
          <div className="qr" data-testid="share-qr" dangerouslySetInnerHTML={{ __html: svg }} />
        )}
      </div>
    </div>
  )
}
