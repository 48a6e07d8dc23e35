type Listener = (...args: unknown[]) => void

/** The part of simple-peer that y-webrtc uses. */
interface RealPeer {
  on: (event: string, fn: Listener) => unknown
  signal: (data: unknown) => void
  send: (data: Uint8Array) => void
  destroy: () => void
  connected: boolean
}

type PeerClass = new (opts: object) => RealPeer

/** What y-webrtc's WebrtcConn listens to. */
const EVENTS = ['signal', 'connect', 'close', 'error', 'data'] as const

let Real: PeerClass | null = null
let loading: Promise<void> | null = null

/**
 * False in a browser without WebRTC: Debian's WebKitGTK is built without it, and browsers can turn
 * it off. Such a page reaches other browsers only through a relay.
 */
export const hasWebRTC = (): boolean => typeof RTCPeerConnection !== 'undefined'

/**
 * Loads simple-peer (~28 KiB gzipped) once; a page that never opens a WebRTC connection never
 * loads it, and neither does a browser without WebRTC.
 */
export const loadSimplePeer = (): Promise<void> => {
  if (!hasWebRTC()) return Promise.resolve()
  loading ??= import('simple-peer/simplepeer.min.js').then((m: { default: PeerClass }) => {
    Real = m.default
  })
  return loading
}

/**
 * The `Peer` that y-webrtc constructs (vite.config.ts resolves y-webrtc's import of
 * simple-peer here), so simple-peer stays out of the first bundle. It is a stand-in that y-webrtc
 * and LiveConnection keep for the connection's whole life: the real peer is made as soon as
 * simple-peer has loaded (at once when it already has), signals that arrive before then wait in
 * order, and every event of the real peer is re-emitted through `emit` (which LiveConnection
 * wraps to check incoming data). y-webrtc sends only after 'connect', so `send` always has a peer.
 * In a browser without WebRTC the stand-in never connects and stays silent (simple-peer would
 * throw "No WebRTC support" at every peer y-webrtc announces; an 'error' would make y-webrtc
 * announce again, and the other side retry, in a loop): y-webrtc keeps a connection that never
 * opens, and the relay, when there is one, carries this replica's messages.
 */
export default class LazyPeer {
  private real: RealPeer | null = null
  private readonly listeners = new Map<string, Listener[]>()
  private waiting: unknown[] = []
  private destroyed = false

  constructor(private readonly opts: object) {
    if (!hasWebRTC()) return
    if (Real !== null) this.start(Real)
    else
      loadSimplePeer().then(
        () => {
          if (!this.destroyed) this.start(Real!)
        },
        (e: unknown) => this.emit('error', e),
      )
  }

  get connected(): boolean {
    return this.real?.connected ?? false
  }

  on(event: string, fn: Listener): this {
    const list = this.listeners.get(event)
    if (list === undefined) this.listeners.set(event, [fn])
    else list.push(fn)
    return this
  }

  emit(event: string, ...args: unknown[]): boolean {
    const list = this.listeners.get(event)
    if (list === undefined) return false
    for (const fn of [...list]) fn(...args)
    return true
  }

  signal(data: unknown): void {
    if (this.real !== null) this.real.signal(data)
    else if (hasWebRTC()) this.waiting.push(data)
  }

  send(data: Uint8Array): void {
    if (this.real === null) throw new Error('WebRTC peer not connected yet')
    this.real.send(data)
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    if (this.real !== null) this.real.destroy()
    // Like simple-peer, which says 'close' after destroy (y-webrtc cleans up the connection then).
    else queueMicrotask(() => this.emit('close'))
  }

  private start(Peer: PeerClass): void {
    const real = new Peer(this.opts)
    this.real = real
    for (const event of EVENTS) real.on(event, (...args: unknown[]) => this.emit(event, ...args))
    for (const data of this.waiting) real.signal(data)
    this.waiting = []
  }
}
