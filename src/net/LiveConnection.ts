import * as bc from 'lib0/broadcastchannel'
import * as encoding from 'lib0/encoding'
import { type Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
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
import { readRoomMessage, ownAwarenessMessage, queryAwarenessMessage, updateMessage } from './readRoomMessage'
import { RelayLink, type RelayStatus } from './RelayLink'
import type { RoomKey } from './roomKey'
import { CausalHold } from './CausalHold'
import { syncStep1Message } from './liveAntiEntropy'

export type SignalingState = 'connecting' | 'connected' | 'unreachable' | 'off'
/** How a replica is reached: another tab of this browser, a direct WebRTC link, or through the relay. */
export type Channel = 'BroadcastChannel' | 'WebRTC' | 'relay'

/** A channel in a few words, for cards and tiles. */
export const channelWords = (c: Channel): string => (c === 'BroadcastChannel' ? 'same browser' : c === 'WebRTC' ? 'direct' : 'via relay')

export interface SignalingStatus {
  url: string
  state: SignalingState
}

/** A message refused before it reached the document. */
export interface RejectedMessage {
  via: Channel
  /** y-webrtc peer id of the sender when known (WebRTC, relay); BroadcastChannel messages carry none. */
  peerId: string | null
  reason: string
  bytes: number
}

export interface ConnectionSnapshot {
  online: boolean
  /** This tab's y-webrtc peer id (published in awareness so peers can tell how they reach us). */
  peerId: string | null
  signaling: SignalingStatus[]
  /** peer id → how this tab reaches it (directly when it can; through the relay otherwise). */
  peers: Record<string, Channel>
  /** The relay and its status; null when this replica uses none. */
  relay: RelayStatus | null
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
  /** The relay's address (`?relay=`): peers this replica cannot reach directly are reached through it. */
  relay?: string | null
}

/** The first byte of a message (its y-webrtc type when under 128), or -1. */
const firstByte = (m: unknown): number => (m instanceof Uint8Array ? (m[0] ?? -1) : m instanceof ArrayBuffer ? (new Uint8Array(m)[0] ?? -1) : -1)

/** How long a signaling server may stay "connecting" before the page calls it unreachable. */
export const SIGNALING_TIMEOUT_MS = 5000

// y-webrtc's Room and WebrtcConn are not typed for these internals; this is the part we rely on.
interface RoomInternals {
  name: string
  peerId: string
  bcConns: Set<string>
  webrtcConns: Map<string, { peer: WebrtcPeer }>
  _bcSubscriber: (data: unknown, origin: unknown) => unknown
  key: CryptoKey | RoomKey | null
  mux: (f: () => void, g?: () => void) => void
  _docUpdateHandler: (update: Uint8Array, origin: unknown) => void
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
 *
 * With a relay (`RelayLink`), the same room messages also travel through the class's server to
 * the replicas this one cannot reach directly: every message from any of the three channels
 * passes one place (`receive`: the teacher's policy gate, then the check and the guard) before it
 * is read. This replica publishes its own edits to the relay only while some replica on the relay
 * is not reached directly; its awareness always, so every replica on the relay knows it is there.
 */
export class LiveConnection {
  readonly provider: WebrtcProvider
  private guard: ReplicaGuard
  /** Updates that arrived before the one they build on wait for it (per source, in order). */
  private causal: CausalHold
  /** Lets the guard drop its shadow copy once unused for a while. */
  private guardIdle: ReturnType<typeof setInterval>
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
  /**
   * Above 0 inside y-webrtc's room mutex, which it takes only to post on BroadcastChannel and to
   * read what another tab posted there.
   */
  private inRoomMux = 0
  /** The relay link (null: no relay). */
  readonly relay: RelayLink | null = null
  /** The clientIDs this replica reaches directly (BroadcastChannel or WebRTC), as last published. */
  private directClients = new Set<number>()
  /** Incoming updates, at most one delivery per source and frame under a flood. */
  private batches = new IncomingBatches()
  /** True while document traffic is held (the Offline switch, before the replica leaves): awareness still flows. */
  private docHeld = false

  constructor(
    readonly roomName: string,
    private readonly doc: Y.Doc,
    awareness: Awareness,
    readonly signalingUrls: readonly string[],
    private readonly options: LiveConnectionOptions = {},
  ) {
    this.guard = new ReplicaGuard(doc, undefined, true, options.screenUpdate)
    this.guardIdle = setInterval(() => this.guard.idle(), 1000)
    this.causal = new CausalHold(doc)
    this.awareness = awareness
    this.untag = tagBroadcastChannel(roomName, doc.clientID, () => this.inRoomMux > 0)
    this.snapshot = { online: true, peerId: null, signaling: this.signalingStates(), peers: {}, relay: null, version: 0 }
    this.provider = new WebrtcProvider(roomName, doc, {
      signaling: [...signalingUrls],
      awareness,
      ...(options.maxConns === undefined ? {} : { maxConns: options.maxConns }),
      ...(options.password ? { password: options.password } : {}),
    })
    this.provider.on('status', this.onStatus)
    this.provider.on('peers', this.onPeers)
    if (options.relay) {
      // With a password, relayed messages are sealed with the room's key, as BroadcastChannel's are.
      const key = this.provider.key as PromiseLike<CryptoKey | RoomKey | null>
      const seal = options.password
        ? {
            seal: async (b: Uint8Array) => encryptRoomMessage(b, (await key)!),
            open: async (b: Uint8Array) => decryptRoomMessage(b, (await key)!),
          }
        : null
      const relay = new RelayLink(
        options.relay,
        roomName,
        () => ({ clientID: doc.clientID, peerId: this.room?.peerId ?? null }),
        (m) => this.receive('relay', m.from, m.peerId, m.bytes, (b) => this.readRelayed(m.from, b as Uint8Array), `relay:${m.from}`),
        { seal, onUnreadable: (from) => options.onUndecryptable?.(from), onConnect: () => this.helloRelay() },
      )
      this.relay = relay
      relay.subscribe(this.refresh)
      doc.on('update', this.onDocUpdate)
      awareness.on('update', this.onAwarenessUpdate)
      this.snapshot.relay = relay.getStatus()
    }
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
    if (!this.snapshot.online) return
    this.relay?.send(bytes)
    if (this.room === null) return
    this.postRaw(bytes)
    this.sendOverWebrtc(this.room, bytes)
  }

  /** Sends one message to every WebRTC peer of `room`. */
  private sendOverWebrtc(room: RoomInternals, bytes: Uint8Array): void {
    for (const conn of room.webrtcConns.values()) {
      try {
        conn.peer.send(bytes)
      } catch {
        // a closing connection; y-webrtc ignores these too
      }
    }
  }

  /**
   * After the page slept: y-webrtc's signaling sockets and the relay's may be dead without knowing
   * it. The relay's is reopened when it heard nothing lately (it says hello again and catches up).
   */
  wake(): void {
    if (!this.snapshot.online) return
    this.relay?.wake()
    this.refresh()
  }

  /**
   * Holds document traffic at once, both ways, while awareness still flows: the Offline switch
   * says "going offline" to the room for a moment before the replica leaves, and nothing typed in
   * that moment may leave. Released, it asks the room for what it missed.
   */
  holdDocument(held: boolean): void {
    if (held === this.docHeld) return
    this.docHeld = held
    const room = this.room
    if (room === null) return
    if (held) this.doc.off('update', room._docUpdateHandler)
    else if (this.snapshot.online) {
      this.doc.on('update', room._docUpdateHandler)
      this.sendToPeers(syncStep1Message(this.doc))
    }
  }

  /** Off the network without reloading: nothing is sent or received until `setOnline(true)`. */
  setOnline(online: boolean): void {
    if (online === this.snapshot.online) return
    if (online) {
      this.docHeld = false
      this.connectingSince = Date.now()
      this.provider.connect()
      this.relay?.connect()
    } else {
      // y-webrtc's disconnect removes this replica's awareness state: the relay tells the room first.
      this.provider.disconnect()
      this.relay?.disconnect()
    }
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
    if (this.relay !== null) {
      this.doc.off('update', this.onDocUpdate)
      this.awareness.off('update', this.onAwarenessUpdate)
      this.relay.destroy()
    }
    this.batches.destroy()
    clearInterval(this.guardIdle)
    this.causal.destroy()
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
      this.sendOnOnce(room)
      this.unrelay = relayAwarenessSelectively(
        room as unknown as RelayRoom,
        this.awareness,
        (b) => this.postRaw(b),
        () => this.snapshot.online,
        (origin) => origin === this.relay,
      )
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
      // Sealed messages go to y-webrtc as they came (it opens them again): batched only without a password.
      const proceed = (plain: unknown) =>
        this.receive('BroadcastChannel', sender, null, plain, (m) => original(m === plain ? payload : m, origin), room.key === null ? `bc:${sender}` : null)
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
    // y-webrtc posts to BroadcastChannel only inside room.mux: mark those posts so they get our sender
    // tag. It also reads other tabs' posts inside it (`sendOnOnce`).
    const mux = room.mux
    room.mux = (f, g) =>
      mux(() => {
        this.inRoomMux++
        try {
          f()
        } finally {
          this.inRoomMux--
        }
      }, g)
    bc.unsubscribe(room.name, original)
    room._bcSubscriber = guarded
    if (this.snapshot.online) bc.subscribe(room.name, guarded)
  }

  /**
   * y-webrtc sends every update the document takes to every tab and WebRTC peer it reaches,
   * wherever the update came from. An update another tab posted on BroadcastChannel was heard there
   * by every tab of this browser, so posting it again only makes work: with N tabs, each update
   * was posted N times and every tab decoded and checked N − 1 copies (eight busy tabs fell behind
   * and grew). Such an update goes on over WebRTC only, as gossip to peers that may not reach its
   * writer. y-webrtc reads BroadcastChannel messages inside its room mutex, and applying
   * an update fires 'update' at once: an update that fires inside the mutex came from there.
   */
  private sendOnOnce(room: RoomInternals): void {
    const original = room._docUpdateHandler
    const handler = (update: Uint8Array, origin: unknown): void => {
      if (this.inRoomMux === 0) original(update, origin)
      else this.sendOverWebrtc(room, updateMessage(update))
    }
    room._docUpdateHandler = handler
    const observers = (this.doc as unknown as { _observers: Map<string, Set<unknown>> })._observers.get('update')
    if (observers?.has(original)) {
      this.doc.off('update', original)
      this.doc.on('update', handler)
    }
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
      const peerId = peerIdOf()
      this.receive('WebRTC', peerId === null ? null : peerClientId(this.awareness, peerId), peerId, whole.pass, (m) => emit(event, m), peer)
      return true
    }
  }

  /**
   * The one way in, for all three channels: the teacher's policy (which may hold a message back or
   * drop it), then a small update that arrived before the one it builds on waits for it
   * (`CausalHold`, at most a second, each source in order), then the check and the guard (a bad
   * message is refused whole, the document untouched), then, under a flood, batching per source
   * (`batchSource`; null: none), then `read` hands it to y-webrtc (or, for the relay, reads it
   * here): the message itself, or one update merging several.
   */
  private receive(
    via: Channel,
    sender: number | null,
    peerId: string | null,
    message: unknown,
    read: (message: unknown) => void,
    batchSource: unknown,
  ): void {
    const go = () => {
      if (this.docHeld && firstByte(message) === 0) return
      this.causal.offer(`${via}:${sender ?? peerId ?? '?'}`, message, () => this.judge(via, sender, peerId, message, read, batchSource))
    }
    const gate = this.options.gate
    if (gate === undefined) go()
    else gate.admit(sender, message, go)
  }

  /** The check and the guard, then batching, then `read` (see `receive`). */
  private judge(via: Channel, sender: number | null, peerId: string | null, message: unknown, read: (message: unknown) => void, batchSource: unknown): void {
    if (this.docHeld && firstByte(message) === 0) return
    const check = checkRoomMessage(message, this.checkUpdate)
    if (!check.ok) {
      this.reject({ via, peerId, reason: check.reason, bytes: check.bytes })
      return
    }
    const deliver = (m: unknown) => {
      if (check.kind === 'update' || check.kind === 'sync-step2') this.lastUpdateVia = { via, peerId, sender }
      read(m)
    }
    if (batchSource !== null && this.batches.offer(batchSource, message, deliver)) return
    deliver(message)
  }

  /** Reads a relayed message (checked) and answers its sender through the relay when it asks. */
  private readRelayed(from: number, bytes: Uint8Array): void {
    const reply = readRoomMessage(this.doc, this.awareness, bytes, this.relay)
    if (reply !== null) this.relay?.send(reply, from)
  }

  /** On every (re)connection to the relay: what this replica holds, who it is, and who else is there. */
  private helloRelay(): void {
    if (!this.snapshot.online || this.relay === null) return
    this.relay.send(syncStep1Message(this.doc))
    const own = ownAwarenessMessage(this.awareness)
    if (own !== null) this.relay.send(own)
    this.relay.send(queryAwarenessMessage())
  }

  /** True while some replica on the relay is not reached directly, so this replica's edits must go through the relay. */
  private relayNeeded(): boolean {
    for (const id of this.relay?.liveMembers() ?? []) if (!this.directClients.has(id)) return true
    return false
  }

  /** This replica's own edits go to the relay (edits from others reach the relay from their writers). */
  private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this.relay || origin === this.room || !this.snapshot.online || this.docHeld || !this.relayNeeded()) return
    this.relay?.send(updateMessage(update))
  }

  /** This replica's own awareness changes go to the relay; others' arrive from them. */
  private onAwarenessUpdate = (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin === this.relay || origin === this.room) return
    const me = this.doc.clientID
    if (!changes.added.includes(me) && !changes.updated.includes(me) && !changes.removed.includes(me)) return
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint8Array(e, encodeAwarenessUpdate(this.awareness, [me]))
    this.relay?.send(encoding.toUint8Array(e))
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
      // y-webrtc lists a WebRTC peer from its first signal on; it is reached once connected.
      for (const [id, conn] of room.webrtcConns) if ((conn as { connected?: boolean }).connected !== false) peers[id] = 'WebRTC'
    }
    this.publishLinks(Object.keys(peers))
    if (this.relay !== null && this.snapshot.online) {
      for (const id of this.relay.liveMembers()) {
        const peerId = this.relay.members.get(id)?.peerId
        if (peerId && peers[peerId] === undefined) peers[peerId] = 'relay'
      }
    }
    const signaling = this.signalingStates()
    const relay = this.relay?.getStatus() ?? null
    const same =
      JSON.stringify(peers) === JSON.stringify(this.snapshot.peers) &&
      JSON.stringify(signaling) === JSON.stringify(this.snapshot.signaling) &&
      relay === this.snapshot.relay
    if (!same) this.update({ peers, signaling, relay })
  }

  /** Publishes which replicas this one reaches directly, so neighbours relay awareness only where needed. */
  private publishLinks(peerIds: string[]): void {
    const links = linkedClients(this.awareness, peerIds)
    this.directClients = new Set(links)
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
