/**
 * Signaling servers used when the link has no `?signaling=`: the build's VITE_SIGNALING
 * (comma-separated; `{host}` stands for this page's host name, so a device that opened
 * http://192.168.1.20:5173 reaches ws://192.168.1.20:4444). `npm start` sets it to the server it
 * starts; a static build without it uses none (same-browser tabs only).
 */
export const defaultSignaling = (location: { hostname: string }): string[] => {
  const raw = (import.meta.env.VITE_SIGNALING as string | undefined) ?? ''
  const host = location.hostname.includes(':') ? `[${location.hostname}]` : location.hostname
  return raw
    .split(',')
    .map((s) => s.trim().replaceAll('{host}', host))
    .filter((s) => s !== '')
}
