import { usePresent } from './presentContext'

/** How students join: a QR code of at least 40% of the screen's height, and the link in large type. */
export const JoinPanel = () => {
  const svg = usePresent((s) => s.qrSvg)
  const link = usePresent((s) => s.studentLink)
  return (
    <section className="join" aria-label="Join this room">
      {svg === null ? (
        <div className="join-qr" aria-busy="true" />
      ) : (
        // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG made locally by the qrcode library from our own link
        <div className="join-qr" role="img" aria-label="QR code of the room link" dangerouslySetInnerHTML={{ __html: svg }} />
      )}
      <p className="join-link" data-testid="student-link">
        {link}
      </p>
    </section>
  )
}
