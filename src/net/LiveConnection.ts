import * as bc from 'lib0/broadcastchannel'
import type { Awareness } from 'y-protocols/awareness'
import { WebrtcProvider } from 'y-webrtc'
import type * as Y from 'yjs'
import { ReplicaGuard } from '../core/ReplicaGuard'
import { tagBroadcastChannel, tagMessage, untagMessage } from './broadcastTag'
import { checkRoomMessage } from './checkRoomMessage'
import { IncomingBatches } from './IncomingBatches'
import { PeerChunking } from './peerChunking'
import { decryptRoomMessage, encryptRoomMessage, looksEncrypted } from './roomCrypto'
import { LINKS_FIELD, linkedClients, type RelayRoom, relayAwarenessSelectively } from './awarenessRelay'
import { peerClientId } from './peerClientId'

export type SignalingState = 'connecting' | 'connected' | 'unreachable' | 'off'
export type Channel = 'BroadcastChannel' | 'WebRTC'

export interface SignalingStatus {
  url: string
  state: SignalingState
}

/** A message refused before it reached the document. */
export interface RejectedMessage {
  via: Channel
  /** y-webrtc peer id of the sender when known (WebRTC); BroadcastChannel messages carry none. */
  peerId: string | null
  reason: string
  bytes: number
}

export interface ConnectionSnapshot {
  online: boolean
  /** This tab's y-webrtc peer id (published in awareness so peers can tell how they reach us). */
  peerId: string | null
  signaling: SignalingStatus[]
  /** peer id → how this tab reaches it. */
  peers: Record<string, Channel>
  version: number
}

/** What stands between the network and the replica besides the guard (the teacher's policy, `PolicyGate`). */
export interface MessageGate {
  /** Calls `deliver` now, later, or never, for one message from `sender` (null: unknown). */
  admit(sender: number | null, data: unknown, deliver: () => void): void
}

export interface LiveConnectionOptions {
  gate?: MessageGate
  /** y-webrtc's cap on WebRTC connections per peer (its default: 20 plus a random 0–15). */
  maxConns?: number
  /** The room password (y-webrtc encrypts signaling and BroadcastChannel traffic with it). */
  password?: string | null
  /** A message this tab cannot decrypt arrived (another password, or none): from `sender` when told. */
  onUndecryptable?: (sender: number | null) => void
  /** A further check of each decoded update (hostile-peer detection): a reason refuses it. */
  screenUpdate?: (decoded: ReturnType<typeof Y.decodeUpdate>) => string | null
}

/** How long a signaling server may stay "connecting" before the page calls it unreachable. */
export const SIGNALING_TIMEOUT_MS = 5000

// y-webrtc's Room and WebrtcConn are not typed for these internals; this is the part we rely on.
interface RoomInternals {
  name: string
  peerId: string
  bcConns: Set<string>
  webrtcConns: Map<string, { peer: WebrtcPeer }>
  _bcSubscriber: (data: unknown, origin: unknown) => unknown
  key: CryptoKey | null
  mux: (f: () => void, g?: () => void) => void
}
type WebrtcPeer = { emit: (event: string, ...args: unknown[]) => boolean; send: (data: Uint8Array) => void }
interface SignalingConnInternals {
  url: string
  connected: boolean
  unsuccessfulReconnects: number
  on: (event: string, f: () => void) => void
  off: (event: string, f: () => void) => void
}

/**
 * The live transport of one replica: a y-webrtc provider on the replica's document, with a guard
 * in front of it. Every message from BroadcastChannel or WebRTC is checked (`checkRoomMessage`,
 * with updates tried on the replica's shadow by `ReplicaGuard`) before y-webrtc reads it; a bad
 * one is dropped and reported, so the document is never touched by it. Going offline disconnects the provider (nothing is sent or received); going online
 * reconnects, and y-webrtc's sync step 1/2 exchange converges both ways.
 */
export class LiveConnection {
  readonly provider: WebrtcProvider
  private guard: ReplicaGuard
  private room: RoomInternals | null = null
  private wrapped = new WeakSet<object>()
  private listeners = new Set<() => void>()
  private rejectListeners = new Set<(r: RejectedMessage) => void>()
  private snapshot: ConnectionSnapshot
  private connectingSince = Date.now()
  private poll: ReturnType<typeof setInterval>
  private watched = new Set<SignalingConnInternals>()
  /**
   * Where the last accepted document update came from: the log uses it to say how an update
   * arrived; `sender` is the replica that sent it (BroadcastChannel tag, or the WebRTC peer's
   * published client id), null when unknown.
   */
  lastUpdateVia: { via: Channel; peerId: string | null; sender?: number | null } | null = null
  private awareness: Awareness
  private untag: () => void
  private sendChannel: BroadcastChannel | null = null
  private unrelay: () => void = () => {}
  /** The links last published in awareness (LINKS_FIELD), as a string. */
  private linksPublished = ''
  /** Sealed BroadcastChannel messages are opened one after another, so they are read in order. */
  private opening: Promise<void> = Promise.resolve()
  /** > 0 while y-webrtc posts to its BroadcastChannel (inside its room's mutex): those posts get our sender tag. */
  private roomSending = 0
  /** Incoming updates, at most one delivery per source and frame under a flood. */
  private batches = new IncomingBatches()

  constructor(
    readonly roomName: string,
    private readonly doc: Y.Doc,
    awareness: Awareness,
    readonly signalingUrls: readonly string[],
    private readonly options: LiveConnectionOptions = {},
  ) {
    this.guard = new ReplicaGuard(doc, undefined, true, options.screenUpdate)
    this.awareness = awareness
    this.untag = tagBroadcastChannel(roomName, doc.clientID, () => this.roomSending > 0)
    this.snapshot = { online: true, peerId: null, signaling: this.signalingStates(), peers: {}, version: 0 }
    this.provider = new WebrtcProvider(roomName, doc, {
      signaling: [...signalingUrls],
      awareness,
      ...(options.maxConns === undefined ? {} : { maxConns: options.maxConns }),
      ...(options.password ? { password: options.password } : {}),
    })
    this.provider.on('status', this.onStatus)
    this.provider.on('peers', this.onPeers)
    this.poll = setInterval(() => this.refresh(), 500)
  }

  get online(): boolean {
    return this.snapshot.online
  }

  getSnapshot = (): ConnectionSnapshot => this.snapshot

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  onRejected(listener: (r: RejectedMessage) => void): () => void {
    this.rejectListeners.add(listener)
    return () => this.rejectListeners.delete(listener)
  }

  /**
   * Posts raw bytes to the room's BroadcastChannel, as a foreign client would: the other tabs'
   * guards judge them. This tab's own y-webrtc channel hears the post too; the guard drops that
   * echo silently.
   */
  postRaw(bytes: Uint8Array): void {
    const post = (b: Uint8Array) => {
      this.sendChannel ??= new BroadcastChannel(this.roomName)
      this.sendChannel.postMessage(tagMessage(this.doc.clientID, b))
    }
    // In a room with a password, BroadcastChannel messages are sealed like y-webrtc's own.
    const key = this.room?.key ?? null
    if (key === null) post(bytes)
    else encryptRoomMessage(bytes, key).then(post, (e: unknown) => console.warn(`Could not seal a message: ${String(e)}`))
  }

  /**
   * Sends one y-webrtc message to every replica this tab reaches (its BroadcastChannel and every
   * WebRTC peer), as y-webrtc itself would; used for anti-entropy. Nothing is sent while offline.
   */
  sendToPeers(bytes: Uint8Array): void {
    if (!this.snapshot.online || this.room === null) return
    this.postRaw(bytes)
    for (const conn of this.room.webrtcConns.values()) {
      try {
        ;(conn.peer as unknown as { send: (b: Uint8Array) => void }).send(bytes)
      } catch {
        // a closing connection; y-webrtc ignores these too
      }
    }
  }

  /** Off the network without reloading: nothing is sent or received until `setOnline(true)`. */
  setOnline(online: boolean): void {
    if (online === this.snapshot.online) return
    if (online) {
      this.connectingSince = Date.now()
      this.provider.connect()
    } else this.provider.disconnect()
    this.update({ online })
    this.watchSignaling()
  }

  destroy(): void {
    clearInterval(this.poll)
    for (const c of this.watched) {
      c.off('connect', this.refresh)
      c.off('disconnect', this.refresh)
    }
    this.provider.off('status', this.onStatus)
    this.provider.off('peers', this.onPeers)
    this.provider.destroy()
    this.batches.destroy()
    this.guard.destroy()
    this.unrelay()
    this.sendChannel?.close()
    this.untag()
    this.listeners.clear()
    this.rejectListeners.clear()
  }

  private checkUpdate = (update: Uint8Array) => this.guard.check(update)

  private onStatus = (): void => {
    const room = this.provider.room as unknown as RoomInternals | null
    if (room !== null && this.room !== room) {
      this.room = room
      this.guardBroadcastChannel(room)
      this.unrelay = relayAwarenessSelectively(room as unknown as RelayRoom, this.awareness, (b) => this.postRaw(b), () => this.snapshot.online)
      this.update({ peerId: room.peerId })
    }
    this.watchSignaling()
    this.refresh()
  }

  private onPeers = (): void => {
    const room = this.room
    if (room === null) return
    for (const conn of room.webrtcConns.values()) this.guardWebrtc(conn.peer)
    this.refresh()
  }

  private reject(r: RejectedMessage): void {
    console.warn(`Dropped a message from ${r.via}: ${r.reason}`)
    for (const l of this.rejectListeners) l(r)
  }

  /** Replaces y-webrtc's BroadcastChannel subscriber with one that checks first (kept across reconnects). */
  private guardBroadcastChannel(room: RoomInternals): void {
    const original = room._bcSubscriber
    const guarded = (data: unknown, origin: unknown) => {
      // origin is 'broadcastchannel' for other tabs; a tab's own publish echoes back locally with null:
      // y-webrtc would decode and apply its own message again (its whole state when it connects), a no-op, so it is not read.
      if (origin !== 'broadcastchannel') return undefined
      // Tabs tag what they post with their clientID (broadcastTag.ts); this tab's own posts come back untold.
      const { sender, payload } = untagMessage(data)
      if (sender === this.doc.clientID) return undefined
      // With a password the payload is sealed: checked once opened, handed to y-webrtc as it came.
      const proceed = (plain: unknown) => {
        const read = () => {
          const check = checkRoomMessage(plain, this.checkUpdate)
          if (!check.ok) {
            this.reject({ via: 'BroadcastChannel', peerId: null, reason: check.reason, bytes: check.bytes })
            return
          }
          const deliver = (message: unknown) => {
            if (check.kind === 'update' || check.kind === 'sync-step2') this.lastUpdateVia = { via: 'BroadcastChannel', peerId: null, sender }
            original(message, origin)
          }
          // Sealed messages go to y-webrtc as they came (it opens them again): batched only without a password.
          if (room.key === null && this.batches.offer(`bc:${sender}`, plain, deliver)) return
          deliver(payload)
        }
        if (this.options.gate === undefined) read()
        else this.options.gate.admit(sender, plain, read)
      }
      const key = room.key
      if (key === null) {
        if (looksEncrypted(payload)) this.options.onUndecryptable?.(sender)
        else proceed(payload)
      } else {
        const sealed = payload instanceof Uint8Array ? payload : new Uint8Array(payload as ArrayBuffer)
        this.opening = this.opening.then(() => decryptRoomMessage(sealed, key).then(proceed, () => this.options.onUndecryptable?.(sender)))
      }
      return undefined
    }
    // y-webrtc posts to BroadcastChannel only inside room.mux: mark those posts so they get our sender tag.
    const mux = room.mux
    room.mux = (f, g) =>
      mux(() => {
        this.roomSending++
        try {
          f()
        } finally {
          this.roomSending--
        }
      }, g)
    bc.unsubscribe(room.name, original)
    room._bcSubscriber = guarded
    if (this.snapshot.online) bc.subscribe(room.name, guarded)
  }

  /** Intercepts one WebRTC peer's 'data' events so a bad message never reaches y-webrtc. */
  private guardWebrtc(peer: WebrtcPeer): void {
    if (this.wrapped.has(peer)) return
    this.wrapped.add(peer)
    PeerChunking.wrapSend(peer)
    const chunks = new PeerChunking()
    const emit = peer.emit.bind(peer)
    const peerIdOf = () => {
      for (const [id, c] of this.room?.webrtcConns ?? []) if (c.peer === peer) return id
      return null
    }
    peer.emit = (event: string, ...args: unknown[]) => {
      if (event !== 'data') return emit(event, ...args)
      // Chunks are transport: the gate and the guard see whole messages.
      const whole = chunks.incoming(args[0])
      if ('hold' in whole) return true
      if ('refused' in whole) {
        this.reject({ via: 'WebRTC', peerId: peerIdOf(), reason: whole.refused, bytes: (args[0] as Uint8Array).byteLength ?? 0 })
        return false
      }
      const read = () => {
        const check = checkRoomMessage(whole.pass, this.checkUpdate)
        if (!check.ok) {
          this.reject({ via: 'WebRTC', peerId: peerIdOf(), reason: check.reason, bytes: check.bytes })
          return false
        }
        const deliver = (message: unknown) => {
          if (check.kind === 'update' || check.kind === 'sync-step2') {
            const peerId = peerIdOf()
            this.lastUpdateVia = { via: 'WebRTC', peerId, sender: peerId === null ? null : peerClientId(this.awareness, peerId) }
          }
          return emit(event, message)
        }
        return this.batches.offer(peer, whole.pass, deliver) || deliver(whole.pass)
      }
      const gate = this.options.gate
      if (gate === undefined) return read()
      const peerId = peerIdOf()
      gate.admit(peerId === null ? null : peerClientId(this.awareness, peerId), whole.pass, read)
      return true
    }
  }

  private watchSignaling(): void {
    const conns = this.provider.signalingConns as unknown as SignalingConnInternals[]
    for (const c of conns) {
      if (this.watched.has(c)) continue
      this.watched.add(c)
      c.on('connect', this.refresh)
      c.on('disconnect', this.refresh)
    }
  }

  private signalingStates(): SignalingStatus[] {
    const conns = (this.provider?.signalingConns ?? []) as unknown as SignalingConnInternals[]
    return this.signalingUrls.map((url) => {
      if (this.snapshot !== undefined && !this.snapshot.online) return { url, state: 'off' as const }
      const conn = conns.findLast((c) => c.url === url)
      let state: SignalingState = 'connecting'
      if (conn?.connected) state = 'connected'
      else if ((conn?.unsuccessfulReconnects ?? 0) > 0 || Date.now() - this.connectingSince > SIGNALING_TIMEOUT_MS)
        state = 'unreachable'
      return { url, state }
    })
  }

  private refresh = (): void => {
    const peers: Record<string, Channel> = {}
    const room = this.room
    if (room !== null && this.snapshot.online) {
      for (const id of room.bcConns) peers[id] = 'BroadcastChannel'
      for (const id of room.webrtcConns.keys()) peers[id] = 'WebRTC'
    }
    this.publishLinks(Object.keys(peers))
    const signaling = this.signalingStates()
    const same =
      JSON.stringify(peers) === JSON.stringify(this.snapshot.peers) &&
      JSON.stringify(signaling) === JSON.stringify(this.snapshot.signaling)
    if (!same) this.update({ peers, signaling })
  }

  /** Publishes which replicas this one reaches directly, so neighbours relay awareness only where needed. */
  private publishLinks(peerIds: string[]): void {
    const links = linkedClients(this.awareness, peerIds)
    const key = links.join(',')
    const local = this.awareness.getLocalState()
    if (local === null || (key === this.linksPublished && local[LINKS_FIELD] !== undefined)) return
    this.linksPublished = key
    this.awareness.setLocalStateField(LINKS_FIELD, links)
  }

  private update(patch: Partial<ConnectionSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch, version: this.snapshot.version + 1 }
    if (patch.online !== undefined) this.snapshot.signaling = this.signalingStates()
    for (const l of this.listeners) l()
  }
}
