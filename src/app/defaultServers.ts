/**
 * One server address from a build setting, for this page: `{origin}` stands for the page's own
 * origin as a WebSocket address (http://10.0.0.5:5173 → ws://10.0.0.5:5173, https → wss), which
 * `npm start` uses since it serves the page, the signaling server and the relay on one port;
 * `{host}` for the page's host name (http://192.168.1.20:5173 → ws://192.168.1.20:4444 with
 * `ws://{host}:4444`).
 */
export const expandServer = (raw: string, location: { hostname: string; protocol: string; host: string }): string => {
  const host = location.hostname.includes(':') ? `[${location.hostname}]` : location.hostname
  const origin = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`
  return raw.trim().replaceAll('{origin}', origin).replaceAll('{host}', host)
}

const listOf = (raw: string | undefined, location: { hostname: string; protocol: string; host: string }): string[] =>
  (raw ?? '')
    .split(',')
    .map((s) => expandServer(s, location))
    .filter((s) => s !== '')

/**
 * Signaling servers used when the link has no `?signaling=`: the build's VITE_SIGNALING
 * (comma-separated). `npm start` sets it to its own server; a static build without it uses none
 * (same-browser tabs only).
 */
export const defaultSignaling = (location: { hostname: string; protocol: string; host: string }): string[] =>
  listOf(import.meta.env.VITE_SIGNALING as string | undefined, location)

/** The relay used when the link has no `?relay=`: the build's VITE_RELAY (null: none). */
export const defaultRelay = (location: { hostname: string; protocol: string; host: string }): string | null =>
  listOf(import.meta.env.VITE_RELAY as string | undefined, location)[0] ?? null
