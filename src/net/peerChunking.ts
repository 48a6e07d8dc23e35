import { CHUNK_THRESHOLD, ChunkAssembler, encodeChunks, isChunk } from '../core/chunks'

/** The part of a simple-peer instance that chunking touches. */
export interface SendingPeer {
  send: (data: Uint8Array) => void
}

let nextTransfer = 1

/**
 * Large messages over WebRTC, at the replica boundary. Chrome caps one data-channel message at
 * 256 KiB and y-webrtc does not split (a large sync step 2 never arrives): `wrapSend` makes the
 * peer send anything over CHUNK_THRESHOLD as chunks, and `incoming` reassembles them (in any
 * order, bounded memory, see `ChunkAssembler`) before the message is checked and read. Messages
 * under the threshold pass untouched, so plain y-webrtc peers still interoperate for them.
 */
export class PeerChunking {
  private assembler = new ChunkAssembler(() => Date.now())

  /** Makes `peer.send` split large messages. */
  static wrapSend(peer: SendingPeer): void {
    const send = peer.send.bind(peer)
    peer.send = (data: Uint8Array) => {
      if (data.byteLength <= CHUNK_THRESHOLD) send(data)
      else for (const part of encodeChunks(data, nextTransfer++)) send(part)
    }
  }

  /**
   * One incoming 'data' payload: the message to check and pass on (itself when not a chunk, the
   * whole message when this chunk completed one), `hold` for a chunk that completes nothing
   * yet, or why a chunk was refused.
   */
  incoming(data: unknown): { pass: unknown } | { hold: true } | { refused: string } {
    // A transfer that went quiet is dropped (its memory freed); the message at hand is still read.
    for (const why of this.assembler.expire()) console.warn(`WebRTC: ${why}`)
    if (!(data instanceof Uint8Array) || !isChunk(data)) return { pass: data }
    const r = this.assembler.accept(data)
    if (r.kind === 'complete') return { pass: r.message }
    if (r.kind === 'refused') return { refused: r.reason }
    return { hold: true }
  }
}
