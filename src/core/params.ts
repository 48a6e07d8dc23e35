/** The views a link can open. The live room is the default. */
export type ViewName = 'live' | 'lab' | 'lecture' | 'present'

/** What a page's query says, checked. Every problem is reported in words and replaced by a safe choice. */
export interface PageParams {
  view: ViewName
  /** The room to join; null when the link names none (or a bad one): the caller makes a new one. */
  room: string | null
  /** Signaling servers to use (possibly none: same-browser tabs only). */
  signaling: string[]
  /** True when the link said `?signaling=` itself (rather than using the default). */
  signalingFromLink: boolean
  /** The relay (`?relay=`, else the build's default; null: none): replicas that cannot reach each other directly exchange messages through it. */
  relay: string | null
  /** The teacher's verifying key (`teacher=`, 64 hex digits), checked; null when absent or invalid. */
  teacher: string | null
  /** y-webrtc's cap on WebRTC connections per replica (`maxconns=`, 1–64); null: y-webrtc's default. */
  maxConns: number | null
  /** Problems found, each a sentence for the page. */
  problems: string[]
}

import { normalizeRoomName } from './roomName'

export { isValidRoomName, normalizeRoomName } from './roomName'

/** A ws:// or wss:// URL with a host, or the reason it is not. */
export const checkSignalingUrl = (raw: string): string | null => {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return `"${raw}" is not a URL`
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return `"${raw}" is not a ws:// or wss:// address`
  if (url.hostname === '') return `"${raw}" has no host`
  return null
}

/**
 * Reads `?room=`, `?signaling=`, `?relay=` and `?view=` from a query string. `defaultSignaling`
 * and `defaultRelay` are used when the link has no `signaling` or `relay` parameter;
 * `?signaling=` or `?relay=` (empty) means none.
 */
export const parseParams = (search: string, defaultSignaling: readonly string[], defaultRelay: string | null = null): PageParams => {
  const q = new URLSearchParams(search)
  const problems: string[] = []

  let view: ViewName = 'live'
  const rawView = q.get('view')
  if (rawView === 'lab' || rawView === 'lecture' || rawView === 'live' || rawView === 'present') view = rawView
  else if (rawView !== null) problems.push(`There is no view called "${rawView}"; showing the live room.`)

  let room: string | null = null
  const rawRoom = q.get('room')
  if (rawRoom !== null) {
    // The same link means the same room on every device: a name with spaces or emoji is normalized, never replaced by a random one.
    room = normalizeRoomName(rawRoom)
    if (room === null) problems.push('The link has an empty room name, so a new room was made.')
    else if (room !== rawRoom)
      problems.push(
        `The room name "${rawRoom.slice(0, 60)}" cannot be used as written (a room name is 1–100 letters, digits, . _ ~ or -): this link opens the room "${room.slice(0, 60)}" on every device.`,
      )
  }

  const rawSignaling = q.get('signaling')
  let signaling: string[] = [...defaultSignaling]
  if (rawSignaling !== null) {
    signaling = []
    for (const part of rawSignaling.split(',')) {
      const url = part.trim()
      if (url === '') continue
      const why = checkSignalingUrl(url)
      if (why === null) {
        if (!signaling.includes(url)) signaling.push(url)
      } else problems.push(`Signaling server ignored: ${why}.`)
    }
  }
  let relay = defaultRelay
  const rawRelay = q.get('relay')
  if (rawRelay !== null) {
    const url = rawRelay.trim()
    const why = url === '' ? null : checkSignalingUrl(url)
    if (url === '') relay = null
    else if (why === null) relay = url
    else problems.push(`Relay ignored: ${why}.${relay === null ? '' : ` Using ${relay} instead.`}`)
  }
  let teacher: string | null = null
  const rawTeacher = q.get('teacher')
  if (rawTeacher !== null) {
    if (/^[0-9a-f]{64}$/i.test(rawTeacher)) teacher = rawTeacher.toLowerCase()
    else problems.push('The teacher key in this link (teacher=…) is not 64 hex digits, so this replica follows no network controls.')
  }

  let maxConns: number | null = null
  const rawMax = q.get('maxconns')
  if (rawMax !== null) {
    const n = Number(rawMax)
    if (Number.isInteger(n) && n >= 1 && n <= 64) maxConns = n
    else problems.push(`maxconns=${rawMax.slice(0, 20)} is not a whole number from 1 to 64; using y-webrtc's default.`)
  }
  return { view, room, signaling, signalingFromLink: rawSignaling !== null, relay, teacher, maxConns, problems }
}

/**
 * A new room name carrying 128 random bits (four 32-bit words from `randomUint32`), written in
 * base 36: about 25 characters, safe in a URL.
 */
export const newRoomName = (randomUint32: () => number): string => {
  let n = 0n
  for (let i = 0; i < 4; i++) n = (n << 32n) | BigInt(randomUint32() >>> 0)
  return n.toString(36).padStart(25, '0')
}
