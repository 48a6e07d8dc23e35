/** The link Share shows and encodes, and a sentence about it when it is not the page's own address. */
export interface ShareLink {
  link: string
  /** Why the link differs from the page's address, or why other devices cannot open it; null when neither. */
  note: string | null
  /** True when other devices cannot open `link` (a loopback page with no network address known). */
  localOnly: boolean
}

/** localhost, *.localhost, 127.x.y.z and ::1: addresses only this computer reaches. */
export const isLoopbackHost = (host: string): boolean => {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '')
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::1'
}

const parse = (s: string | null | undefined): URL | null => {
  if (s === null || s === undefined || s === '') return null
  try {
    return new URL(s)
  } catch {
    return null
  }
}

/**
 * The link to give other devices. When the page is open on a loopback address and `lanOrigin`
 * (this computer's address on the network, which `npm start` knows) is given, the link uses it,
 * and loopback signaling servers in `?signaling=` are rewritten to it too. A static build knows no
 * network address: the link stays, marked local only, with a sentence saying what to do.
 */
export const shareLinkFor = (pageLink: string, lanOrigin: string | null | undefined): ShareLink => {
  const page = parse(pageLink)
  if (page === null || !isLoopbackHost(page.hostname)) return { link: pageLink, note: null, localOnly: false }
  const lan = parse(lanOrigin)
  if (lan === null || isLoopbackHost(lan.hostname)) {
    return {
      link: pageLink,
      note: `This page is open at ${page.host}, an address only this computer reaches, and this build does not know the computer's network address (a static build never does). Other devices cannot open this link: open the page at this computer's network address (npm start prints it as "On your network"), then Share again.`,
      localOnly: true,
    }
  }
  const out = new URL(pageLink)
  out.protocol = lan.protocol
  out.host = lan.host
  const signaling = out.searchParams.get('signaling')
  if (signaling !== null) {
    const rewritten = signaling
      .split(',')
      .map((s) => {
        const u = parse(s.trim())
        if (u === null || !isLoopbackHost(u.hostname)) return s
        u.hostname = lan.hostname
        return u.href.replace(/\/$/, '')
      })
      .join(',')
    out.searchParams.set('signaling', rewritten)
  }
  return {
    link: out.href,
    note: `This page is open at ${page.host}, which only this computer reaches, so the link and QR code use its network address ${lan.host} (from npm start).`,
    localOnly: false,
  }
}
