import { usePresent } from './presentContext'

/** How students join: a QR code of at least 40% of the screen's height, and the link in large type. */
export const JoinPanel = () => {
  const svg = usePresent((s) => s.qrSvg)
  const link = usePresent((s) => s.studentLink)
  const short = usePresent((s) => s.shortLink)
  return (
    <section className="join" aria-label="Join this room">
      {svg === null ? (
        <div className="join-qr" aria-busy="true" />
      ) : (
        // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG made locally by the qrcode library from our own link
        <div className="join-qr" role="img" aria-label="QR code of the room link" dangerouslySetInnerHTML={{ __html: svg }} />
      )}
      {short !== null && (
        <p className="join-short">
          or type <strong data-testid="short-link">{short.replace(/^https?:\/\//, '')}</strong>
        </p>
      )}
      <p className={short === null ? 'join-link' : 'join-link join-link-long'} data-testid="student-link">
        {link}
      </p>
    </section>
  )
}
