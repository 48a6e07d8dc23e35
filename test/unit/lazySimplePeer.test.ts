import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

/** A fake simple-peer that records what it was told and can emit events. */
const made: FakePeer[] = []
class FakePeer {
  handlers = new Map<string, Array<(...a: unknown[]) => void>>()
  signals: unknown[] = []
  sent: Uint8Array[] = []
  destroyed = false
  connected = false
  constructor(readonly opts: object) {
    made.push(this)
  }
  on(event: string, fn: (...a: unknown[]) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn])
  }
  fire(event: string, ...args: unknown[]) {
    for (const fn of this.handlers.get(event) ?? []) fn(...args)
  }
  signal(d: unknown) {
    this.signals.push(d)
  }
  send(d: Uint8Array) {
    this.sent.push(d)
  }
  destroy() {
    this.destroyed = true
  }
}
vi.mock('simple-peer/simplepeer.min.js', () => ({ default: FakePeer }))

describe('LazyPeer, the stand-in y-webrtc constructs until simple-peer has loaded', () => {
  // Node has no RTCPeerConnection: these cases are a browser that has one.
  beforeEach(() => vi.stubGlobal('RTCPeerConnection', class {}))
  afterEach(() => vi.unstubAllGlobals())

  it('keeps early signals in order, makes the real peer once loaded, and re-emits its events through emit', async () => {
    const { default: LazyPeer } = await import('../../src/net/lazySimplePeer')
    const p = new LazyPeer({ initiator: true })
    const seen: unknown[] = []
    p.on('data', (d) => seen.push(d))
    p.on('connect', () => seen.push('connect'))
    p.signal('offer-1')
    p.signal('offer-2')
    expect(made).toHaveLength(0)
    expect(p.connected).toBe(false)
    await vi.waitFor(() => expect(made).toHaveLength(1))
    const real = made[0]!
    expect(real.opts).toEqual({ initiator: true })
    expect(real.signals).toEqual(['offer-1', 'offer-2'])
    // A wrapper of emit (LiveConnection's guard) sees what the real peer says.
    const emit = p.emit.bind(p)
    p.emit = (event: string, ...args: unknown[]) => (event === 'data' ? emit(event, 'checked') : emit(event, ...args))
    real.fire('connect')
    real.fire('data', new Uint8Array([1]))
    expect(seen).toEqual(['connect', 'checked'])
    p.signal('answer')
    expect(real.signals.at(-1)).toBe('answer')
    p.send(new Uint8Array([7]))
    expect(real.sent).toHaveLength(1)
    p.destroy()
    expect(real.destroyed).toBe(true)
    // Once loaded, a new peer is real at once.
    new LazyPeer({})
    expect(made).toHaveLength(2)
  })

  it('says close after destroy even before any real peer exists, and then never makes one', async () => {
    vi.resetModules()
    made.length = 0
    const { default: LazyPeer } = await import('../../src/net/lazySimplePeer')
    const p = new LazyPeer({})
    const closed = vi.fn()
    p.on('close', closed)
    p.destroy()
    await vi.waitFor(() => expect(closed).toHaveBeenCalledOnce())
    await new Promise((r) => setTimeout(r, 20))
    expect(made).toHaveLength(0)
  })
})

describe('LazyPeer in a browser without WebRTC (Debian’s WebKitGTK, WebRTC turned off)', () => {
  it('never loads simple-peer nor makes a peer, stays silent whatever it is told, and still says close after destroy', async () => {
    vi.resetModules()
    made.length = 0
    expect(typeof (globalThis as { RTCPeerConnection?: unknown }).RTCPeerConnection).toBe('undefined')
    const { default: LazyPeer, hasWebRTC, loadSimplePeer } = await import('../../src/net/lazySimplePeer')
    expect(hasWebRTC()).toBe(false)
    await loadSimplePeer()
    const p = new LazyPeer({ initiator: true })
    const heard: string[] = []
    for (const e of ['signal', 'connect', 'error', 'data']) p.on(e, () => heard.push(e))
    const closed = vi.fn()
    p.on('close', closed)
    p.signal({ type: 'offer', sdp: 'v=0' })
    await new Promise((r) => setTimeout(r, 20))
    expect(made).toHaveLength(0)
    expect(heard).toEqual([])
    expect(p.connected).toBe(false)
    p.destroy()
    await vi.waitFor(() => expect(closed).toHaveBeenCalledOnce())
    // With WebRTC back (another page), the module would load simple-peer: the check is live, not cached.
    vi.stubGlobal('RTCPeerConnection', class {})
    expect(hasWebRTC()).toBe(true)
    vi.unstubAllGlobals()
  })
})
