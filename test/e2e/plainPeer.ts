import type { BrowserContext, Page } from '@playwright/test'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'

/** y-webrtc's message types. */
const SYNC = 0
const AWARENESS = 1
const QUERY_AWARENESS = 3

export const syncMessage = (sub: number, payload: Uint8Array): Uint8Array => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, SYNC)
  encoding.writeVarUint(e, sub)
  encoding.writeVarUint8Array(e, payload)
  return encoding.toUint8Array(e)
}

export const awarenessMessage = (update: Uint8Array): Uint8Array => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, AWARENESS)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

/**
 * A hostile classmate that no project code touches: a plain Yjs document and y-protocols
 * awareness in the test process, speaking y-webrtc's wire format (sync steps, updates, awareness)
 * on the room's BroadcastChannel through a same-origin page that runs none of the app (the build's
 * favicon). Like a plain y-webrtc tab it publishes no `peerId` and its posts carry no sender tag;
 * it reads our tabs' tagged posts by dropping the tag. It answers sync step 1 like y-webrtc, and
 * whatever else it sends is up to the test (`post`).
 */
export class PlainPeer {
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  /** What it answers a sync step 1 with (default: its document's state, as y-webrtc would). */
  answerStep1: (stateVector: Uint8Array) => Uint8Array
  received = 0

  private constructor(
    readonly page: Page,
    clientID: number,
  ) {
    this.doc = new Y.Doc()
    this.doc.clientID = clientID
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.answerStep1 = (sv) => Y.encodeStateAsUpdate(this.doc, sv)
  }

  static async join(context: BrowserContext, room: string, clientID: number): Promise<PlainPeer> {
    const page = await context.newPage()
    await page.goto('./favicon.svg')
    const peer = new PlainPeer(page, clientID)
    await page.exposeFunction('__plainPeerIn', (bytes: number[]) => peer.receive(new Uint8Array(bytes)))
    await page.evaluate((name) => {
      const w = window as unknown as { __plainBc: BroadcastChannel; __plainPeerIn: (b: number[]) => void }
      w.__plainBc = new BroadcastChannel(name)
      w.__plainBc.onmessage = (e: MessageEvent) => {
        const d = e.data
        if (d instanceof ArrayBuffer || d instanceof Uint8Array) w.__plainPeerIn(Array.from(new Uint8Array(d)))
      }
    }, room)
    // y-webrtc's BroadcastChannel hello: sync step 1 and its state, then a query for awareness.
    await peer.post(syncMessage(0, Y.encodeStateVector(peer.doc)))
    await peer.post(Uint8Array.of(QUERY_AWARENESS))
    return peer
  }

  /** Posts raw bytes on the room's channel, untagged. */
  async post(bytes: Uint8Array): Promise<void> {
    await this.page.evaluate((b) => (window as unknown as { __plainBc: BroadcastChannel }).__plainBc.postMessage(new Uint8Array(b)), Array.from(bytes))
  }

  /** Publishes `state` (an object, or its JSON as written) as this peer's awareness (under its client id), with `clock`. */
  async publish(state: Record<string, unknown> | string, clock = 1): Promise<void> {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint(e, this.doc.clientID)
    encoding.writeVarUint(e, clock)
    encoding.writeVarString(e, typeof state === 'string' ? state : JSON.stringify(state))
    await this.post(awarenessMessage(encoding.toUint8Array(e)))
  }

  async leave(): Promise<void> {
    await this.page.close()
  }

  private receive(raw: Uint8Array): void {
    this.received++
    // Read as y-webrtc reads: from the start, ignoring what follows the message (our tabs' sender tag).
    const bytes = raw
    try {
      const d = decoding.createDecoder(bytes)
      const type = decoding.readVarUint(d)
      if (type === SYNC) {
        const sub = decoding.readVarUint(d)
        const payload = decoding.readVarUint8Array(d)
        if (sub === 0) void this.post(syncMessage(1, this.answerStep1(payload)))
        else Y.applyUpdate(this.doc, payload, 'room')
      } else if (type === AWARENESS) {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(d), 'room')
      }
    } catch {
      // A plain peer ignores what it cannot read, as y-webrtc logs and goes on.
    }
  }
}

