import * as buffer from 'lib0/buffer'
import { WebsocketClient } from 'lib0/websocket'
import { CHUNK_THRESHOLD, encodeChunks } from '../core/chunks'
import { PeerChunking } from './peerChunking'
import { looksEncrypted } from './roomCrypto'

/** The relay's topic for a room: never a y-webrtc room name (room names have no colon). */
export const relayTopic = (room: string): string => `aprime-relay:${room}`

/**
 * The address the relay link opens: the relay's, with the room's topic in the query
 * (`?topic=aprime-relay:ROOM`), so a proxy in front of several relays can send each room to one
 * of them (shard by room). The relay itself ignores the query.
 */
export const relaySocketUrl = (url: string, topic: string): string => {
  try {
    const u = new URL(url)
    u.searchParams.set('topic', topic)
    return u.href
  } catch {
    return url
  }
}

export type RelayState = 'connecting' | 'connected' | 'unreachable' | 'off'

export interface RelayStatus {
  url: string
  state: RelayState
  /** The relay's last refusal of something this replica sent, in its words (null: none lately). */
  refused: string | null
}

/** One message from another replica through the relay, whole (chunks joined) and opened (password). */
export interface RelayMessage {
  /** The sender's clientID as it says (the relay does not vouch for it, as BroadcastChannel tags are not vouched for). */
  from: number
  /** The sender's y-webrtc peer id, when it gave one. */
  peerId: string | null
  bytes: Uint8Array
}

/** A member of the room heard through the relay. */
export interface RelayMember {
  peerId: string | null
  lastHeard: number
}

/** How long the relay may stay "connecting" before the page calls it unreachable. */
export const RELAY_TIMEOUT_MS = 5000
/** A member not heard for this long is no longer counted (awareness renews every 15 s). */
export const RELAY_MEMBER_TTL_MS = 40_000
/** Members remembered at most (a hostile client could claim many ids). */
const MAX_MEMBERS = 1000

/** A sealer for rooms with a password: the same sealing as y-webrtc's BroadcastChannel messages. */
export interface RelaySeal {
  seal: (bytes: Uint8Array) => Promise<Uint8Array>
  open: (bytes: Uint8Array) => Promise<Uint8Array>
}

interface WireMessage {
  type?: unknown
  topic?: unknown
  from?: unknown
  to?: unknown
  reason?: unknown
  data?: { p?: unknown; m?: unknown } | unknown
}

/**
 * One replica's link to the class's relay: a WebSocket to a server that speaks y-webrtc's
 * signaling protocol (publish/subscribe by topic), on which the replica publishes y-webrtc's own
 * room messages (sync steps, updates, awareness) to the room's relay topic. Every replica of the
 * room that uses the relay hears them, whether or not it can reach the sender directly: on Wi-Fi
 * that isolates its clients, through a browser without WebRTC, after a phone dropped its
 * connections. The relay decides nothing: the receiving replica checks, gates and reads each
 * message as it does those from BroadcastChannel and WebRTC (LiveConnection).
 *
 * Wire format (JSON, as the signaling protocol is): `{type:'publish', topic, from, to?, data:{p, m}}`
 * with `from`/`to` clientIDs (the relay delivers a message with `to` to that client only, and
 * receivers drop what is addressed to others), `p` the sender's y-webrtc peer id and `m` the
 * message in base64 (sealed with the room's key when it has a password). Messages over
 * CHUNK_THRESHOLD travel as chunks (core/chunks), joined per sender with bounded memory.
 */
export class RelayLink {
  private ws: WebsocketClient
  private listeners = new Set<() => void>()
  private status: RelayStatus
  private connectingSince = Date.now()
  private chunks = new Map<number, PeerChunking>()
  private lastRefusal: { reason: string; at: number } | null = null
  private nextTransfer = 1
  /** Sealed messages are opened one after another, so they are read in order. */
  private opening: Promise<void> = Promise.resolve()
  private poll: ReturnType<typeof setInterval>
  readonly members = new Map<number, RelayMember>()
  readonly topic: string
  /** Messages sent and received, for the inspector and the bench. */
  readonly stats = { sent: 0, received: 0, bytesSent: 0, bytesReceived: 0 }

  constructor(
    readonly url: string,
    room: string,
    private readonly self: () => { clientID: number; peerId: string | null },
    private readonly onMessage: (m: RelayMessage) => void,
    private readonly options: {
      seal?: RelaySeal | null
      /** A message that could not be opened (another password, or none) came from `from`. */
      onUnreadable?: (from: number | null) => void
      /** Called on every (re)connection, after subscribing: the replica says hello (sync step 1, awareness). */
      onConnect?: () => void
    } = {},
  ) {
    this.topic = relayTopic(room)
    this.status = { url, state: 'connecting', refused: null }
    this.ws = this.open()
    this.poll = setInterval(this.refresh, 1000)
  }

  getStatus = (): RelayStatus => this.status

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get connected(): boolean {
    return this.ws.connected
  }

  /** The clientIDs heard through the relay lately (not this replica). */
  liveMembers(now = Date.now()): number[] {
    const out: number[] = []
    for (const [id, m] of this.members) {
      if (now - m.lastHeard <= RELAY_MEMBER_TTL_MS) out.push(id)
      else this.members.delete(id)
    }
    return out
  }

  /** Forgets a member (it said it left). */
  forget(clientID: number): void {
    this.members.delete(clientID)
  }

  /** Publishes one room message to every replica on the relay, or to `to` alone. */
  send(bytes: Uint8Array, to?: number): void {
    if (!this.ws.connected) return
    const parts = bytes.byteLength > CHUNK_THRESHOLD ? encodeChunks(bytes, this.nextTransfer++) : [bytes]
    const seal = this.options.seal
    for (const part of parts) {
      if (seal == null) this.publish(part, to)
      else seal.seal(part).then((sealed) => this.publish(sealed, to), (e: unknown) => console.warn(`Could not seal a relay message: ${String(e)}`))
    }
  }

  /** Off the relay (offline): nothing is sent or received until `connect()`. */
  disconnect(): void {
    this.ws.disconnect()
    this.members.clear()
    this.set({ state: 'off' })
  }

  connect(): void {
    if (this.ws.shouldConnect) return
    this.connectingSince = Date.now()
    this.set({ state: 'connecting' })
    this.ws.connect()
  }

  /**
   * After the page slept (a phone's screen off, a frozen tab): a socket that heard nothing for a
   * while may be dead without knowing it, so it is closed and opened again at once (lib0
   * reconnects without delay the first time), which says hello again and catches up.
   */
  wake(quietMs = 5000): void {
    if (!this.ws.shouldConnect) return
    const quiet = Date.now() - this.ws.lastMessageReceived
    if (!this.ws.connected || quiet > quietMs) {
      // A socket whose network went away closes only after its closing handshake times out: a new one now.
      this.close(this.ws)
      this.ws = this.open()
      this.connectingSince = Date.now()
      this.refresh()
    } else this.options.onConnect?.()
  }

  destroy(): void {
    clearInterval(this.poll)
    this.close(this.ws)
    this.listeners.clear()
  }

  private open(): WebsocketClient {
    const ws = new WebsocketClient(relaySocketUrl(this.url, this.topic))
    ws.on('connect', this.onConnect)
    ws.on('disconnect', this.refresh)
    ws.on('message', this.onWire)
    return ws
  }

  private close(ws: WebsocketClient): void {
    ws.off('connect', this.onConnect)
    ws.off('disconnect', this.refresh)
    ws.off('message', this.onWire)
    ws.destroy()
  }

  private publish(bytes: Uint8Array, to?: number): void {
    const { clientID, peerId } = this.self()
    const m = buffer.toBase64(bytes)
    this.stats.sent++
    this.stats.bytesSent += m.length
    this.ws.send({ type: 'publish', topic: this.topic, from: clientID, ...(to === undefined ? {} : { to }), data: { p: peerId, m } })
  }

  private onConnect = (): void => {
    this.ws.send({ type: 'subscribe', topics: [this.topic] })
    this.refresh()
    this.options.onConnect?.()
  }

  private onWire = (wire: WireMessage): void => {
    if (wire === null || typeof wire !== 'object') return
    if (wire.type === 'refused') {
      this.lastRefusal = { reason: String(wire.reason ?? 'no reason given').slice(0, 200), at: Date.now() }
      this.refresh()
      return
    }
    if (wire.type !== 'publish' || wire.topic !== this.topic) return
    const me = this.self().clientID
    const from = wire.from
    if (typeof from !== 'number' || !Number.isInteger(from) || from < 0 || from === me) return
    if (wire.to !== undefined && wire.to !== me) return
    const data = wire.data as { p?: unknown; m?: unknown } | null
    if (data === null || typeof data !== 'object' || typeof data.m !== 'string') return
    let raw: Uint8Array
    try {
      raw = buffer.fromBase64(data.m)
    } catch {
      return
    }
    const peerId = typeof data.p === 'string' && data.p.length <= 64 ? data.p : null
    this.stats.received++
    this.stats.bytesReceived += data.m.length
    if (this.members.has(from) || this.members.size < MAX_MEMBERS) this.members.set(from, { peerId, lastHeard: Date.now() })
    const seal = this.options.seal
    // A sealed message in a room without a password here: someone uses a password this tab lacks.
    if (seal == null) {
      if (looksEncrypted(raw)) this.options.onUnreadable?.(from)
      else this.whole(from, peerId, raw)
    } else
      this.opening = this.opening.then(() =>
        seal.open(raw).then(
          (opened) => this.whole(from, peerId, opened),
          () => this.options.onUnreadable?.(from),
        ),
      )
  }

  /** Joins chunks (per sender), then hands the whole message on. */
  private whole(from: number, peerId: string | null, bytes: Uint8Array): void {
    let chunking = this.chunks.get(from)
    if (chunking === undefined) {
      if (this.chunks.size >= 64) this.chunks.delete(this.chunks.keys().next().value!)
      chunking = new PeerChunking()
      this.chunks.set(from, chunking)
    }
    const r = chunking.incoming(bytes)
    if ('hold' in r) return
    // A refused chunk is passed on as it came: the guard refuses it with its reason.
    this.onMessage({ from, peerId, bytes: 'pass' in r ? (r.pass as Uint8Array) : bytes })
  }

  private refresh = (): void => {
    let state: RelayState
    if (!this.ws.shouldConnect) state = 'off'
    else if (this.ws.connected) state = 'connected'
    else if (this.ws.unsuccessfulReconnects > 0 || Date.now() - this.connectingSince > RELAY_TIMEOUT_MS) state = 'unreachable'
    else state = 'connecting'
    if (state === 'connected') this.connectingSince = Date.now()
    const refused = this.lastRefusal !== null && Date.now() - this.lastRefusal.at < 10_000 ? this.lastRefusal.reason : null
    if (state !== this.status.state || refused !== this.status.refused) this.set({ state, refused })
  }

  private set(patch: Partial<RelayStatus>): void {
    this.status = { ...this.status, ...patch }
    for (const l of this.listeners) l()
  }
}
