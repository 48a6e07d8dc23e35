import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MAX_UPDATE_BYTES } from './validate'

/**
 * First varuint of a chunk message. y-webrtc uses 0–4; a plain y-webrtc peer that receives this
 * logs "Unable to compute message" and ignores it, so only messages too large for it anyway
 * (over the threshold) are ever sent as chunks.
 */
export const CHUNK_MESSAGE = 100

/** Messages larger than this are split (Chrome caps one data-channel message at 256 KiB). */
export const CHUNK_THRESHOLD = 192 * 1024

/** Payload bytes per chunk. */
export const CHUNK_BYTES = 64 * 1024

/** Limits of one receiver (one sending peer). */
export interface ChunkLimits {
  /** Largest message that may be reassembled. */
  maxMessageBytes: number
  /** Largest payload one chunk may carry. */
  maxPartBytes: number
  /** Bytes held at once for unfinished messages, across transfers. */
  maxBufferedBytes: number
  /** Unfinished messages held at once. */
  maxTransfers: number
  /** A transfer with no new part for this long is dropped. */
  timeoutMs: number
}

export const DEFAULT_CHUNK_LIMITS: ChunkLimits = {
  maxMessageBytes: MAX_UPDATE_BYTES + 64,
  maxPartBytes: CHUNK_BYTES,
  maxBufferedBytes: 2 * (MAX_UPDATE_BYTES + 64),
  maxTransfers: 4,
  timeoutMs: 30_000,
}

/**
 * Splits `message` into chunk messages of at most `partBytes` payload each:
 * varuint CHUNK_MESSAGE, varuint transfer id, varuint index, varuint count, varuint total bytes,
 * then the part as a var-length byte array.
 */
export const encodeChunks = (message: Uint8Array, transfer: number, partBytes = CHUNK_BYTES): Uint8Array[] => {
  const count = Math.max(1, Math.ceil(message.byteLength / partBytes))
  const out: Uint8Array[] = []
  for (let i = 0; i < count; i++) {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, CHUNK_MESSAGE)
    encoding.writeVarUint(e, transfer)
    encoding.writeVarUint(e, i)
    encoding.writeVarUint(e, count)
    encoding.writeVarUint(e, message.byteLength)
    encoding.writeVarUint8Array(e, message.subarray(i * partBytes, (i + 1) * partBytes))
    out.push(encoding.toUint8Array(e))
  }
  return out
}

/** True when `data` is a chunk message (its first varuint is CHUNK_MESSAGE). */
export const isChunk = (data: Uint8Array): boolean => data.byteLength > 0 && data[0] === CHUNK_MESSAGE

export type ChunkResult =
  | { kind: 'partial'; transfer: number; received: number; count: number }
  | { kind: 'complete'; message: Uint8Array }
  | { kind: 'duplicate' }
  | { kind: 'refused'; reason: string }

interface Transfer {
  count: number
  total: number
  parts: Array<Uint8Array | undefined>
  received: number
  bytes: number
  lastAt: number
}

/**
 * Reassembles chunk messages from one sender, in any order. A part repeated with the same bytes
 * is ignored; anything inconsistent (a part that disagrees with its transfer, an index out of
 * range, too large, more bytes than announced) drops its transfer and is refused with a reason.
 * Memory is bounded by `limits`; time comes from `now` (no timers here): `expire()` drops
 * transfers that went quiet, and every `accept` calls it.
 */
export class ChunkAssembler {
  private transfers = new Map<number, Transfer>()
  private buffered = 0

  constructor(
    private readonly now: () => number,
    readonly limits: ChunkLimits = DEFAULT_CHUNK_LIMITS,
  ) {}

  /** Bytes held for unfinished messages. */
  get bufferedBytes(): number {
    return this.buffered
  }

  get openTransfers(): number {
    return this.transfers.size
  }

  accept(data: Uint8Array): ChunkResult {
    this.expire()
    let transfer: number
    let index: number
    let count: number
    let total: number
    let part: Uint8Array
    try {
      const d = decoding.createDecoder(data)
      if (decoding.readVarUint(d) !== CHUNK_MESSAGE) return { kind: 'refused', reason: 'not a chunk message' }
      transfer = decoding.readVarUint(d)
      index = decoding.readVarUint(d)
      count = decoding.readVarUint(d)
      total = decoding.readVarUint(d)
      part = decoding.readVarUint8Array(d)
      if (decoding.hasContent(d)) return { kind: 'refused', reason: 'a chunk has trailing bytes' }
    } catch (e) {
      return { kind: 'refused', reason: `a chunk does not decode (${e instanceof Error ? e.message : String(e)})` }
    }
    const { maxMessageBytes, maxPartBytes, maxBufferedBytes, maxTransfers } = this.limits
    if (total > maxMessageBytes) return this.refuse(transfer, `a chunked message announces ${total} bytes, over the ${maxMessageBytes}-byte limit`)
    if (part.byteLength > maxPartBytes) return this.refuse(transfer, `a chunk carries ${part.byteLength} bytes, over the ${maxPartBytes}-byte limit`)
    if (count === 0 || index >= count || count > Math.max(1, total)) {
      return this.refuse(transfer, `chunk ${index} of ${count} for a ${total}-byte message is out of range`)
    }
    let t = this.transfers.get(transfer)
    if (t === undefined) {
      if (this.transfers.size >= maxTransfers) return { kind: 'refused', reason: `more than ${maxTransfers} chunked messages at once` }
      t = { count, total, parts: new Array(count), received: 0, bytes: 0, lastAt: this.now() }
      this.transfers.set(transfer, t)
    } else if (t.count !== count || t.total !== total) {
      return this.refuse(transfer, `chunk ${index} disagrees with its message (${count} parts of ${total} bytes, not ${t.count} of ${t.total})`)
    }
    const have = t.parts[index]
    if (have !== undefined) {
      if (have.byteLength === part.byteLength && have.every((b, i) => b === part[i])) return { kind: 'duplicate' }
      return this.refuse(transfer, `chunk ${index} arrived twice with different bytes`)
    }
    if (t.bytes + part.byteLength > t.total) return this.refuse(transfer, `the chunks carry more than the ${t.total} bytes announced`)
    if (this.buffered + part.byteLength > maxBufferedBytes) return this.refuse(transfer, 'too many bytes held for unfinished chunked messages')
    t.parts[index] = part.slice()
    t.received++
    t.bytes += part.byteLength
    t.lastAt = this.now()
    this.buffered += part.byteLength
    if (t.received < t.count) return { kind: 'partial', transfer, received: t.received, count: t.count }
    this.drop(transfer)
    if (t.bytes !== t.total) return { kind: 'refused', reason: `the chunks carry ${t.bytes} bytes, not the ${t.total} announced` }
    const message = new Uint8Array(t.total)
    let at = 0
    for (const p of t.parts as Uint8Array[]) {
      message.set(p, at)
      at += p.byteLength
    }
    return { kind: 'complete', message }
  }

  /** Drops transfers with no part for `timeoutMs`; returns a reason for each (for the log). */
  expire(): string[] {
    const now = this.now()
    const out: string[] = []
    for (const [id, t] of this.transfers) {
      if (now - t.lastAt >= this.limits.timeoutMs) {
        this.drop(id)
        out.push(`a chunked message (${t.received} of ${t.count} parts) stopped arriving and was dropped`)
      }
    }
    return out
  }

  /** Forgets every unfinished transfer (the connection closed). */
  clear(): void {
    this.transfers.clear()
    this.buffered = 0
  }

  private drop(transfer: number): void {
    const t = this.transfers.get(transfer)
    if (t === undefined) return
    this.buffered -= t.bytes
    this.transfers.delete(transfer)
  }

  private refuse(transfer: number, reason: string): ChunkResult {
    this.drop(transfer)
    return { kind: 'refused', reason }
  }
}
