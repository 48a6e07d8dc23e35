import fc from 'fast-check'
import * as encoding from 'lib0/encoding'
import { describe, expect, test } from 'vitest'
import { CHUNK_MESSAGE, ChunkAssembler, type ChunkLimits, DEFAULT_CHUNK_LIMITS, encodeChunks, isChunk } from '../../src/core/chunks'

const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 7) & 255)

/** A clock the test moves by hand. */
const clock = () => {
  let t = 0
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

const feed = (a: ChunkAssembler, parts: Uint8Array[]) => parts.map((p) => a.accept(p))

const chunk = (transfer: number, index: number, count: number, total: number, part: Uint8Array) => {
  const e = encoding.createEncoder()
  for (const v of [CHUNK_MESSAGE, transfer, index, count, total]) encoding.writeVarUint(e, v)
  encoding.writeVarUint8Array(e, part)
  return encoding.toUint8Array(e)
}

describe('encodeChunks', () => {
  test('splits into parts of at most the part size, each marked as a chunk', () => {
    const parts = encodeChunks(bytes(1000), 7, 300)
    expect(parts).toHaveLength(4)
    expect(parts.every(isChunk)).toBe(true)
    expect(parts.every((p) => p.byteLength <= 300 + 16)).toBe(true)
    // A y-webrtc message (sync = 0, awareness = 1) is never taken for a chunk.
    expect(isChunk(Uint8Array.from([0, 2, 1]))).toBe(false)
    expect(isChunk(Uint8Array.from([1, 1]))).toBe(false)
  })
})

describe('ChunkAssembler', () => {
  test('reassembles in any order (property, fast-check prints its seed)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 700 }), fc.integer(), (n, size, shuffleSeed) => {
        const message = bytes(n, shuffleSeed & 255)
        const parts = encodeChunks(message, 3, size)
        // Seeded shuffle: Fisher–Yates driven by a small LCG from fast-check's integer.
        let x = shuffleSeed >>> 0
        for (let i = parts.length - 1; i > 0; i--) {
          x = (Math.imul(x, 1103515245) + 12345) >>> 0
          const j = x % (i + 1)
          ;[parts[i], parts[j]] = [parts[j], parts[i]]
        }
        const a = new ChunkAssembler(clock().now)
        const results = feed(a, parts)
        const last = results[results.length - 1]
        expect(results.slice(0, -1).every((r) => r.kind === 'partial')).toBe(true)
        expect(last).toEqual({ kind: 'complete', message })
        expect(a.bufferedBytes).toBe(0)
        expect(a.openTransfers).toBe(0)
      }),
    )
  })

  test('interleaved transfers from one sender complete separately', () => {
    const m1 = bytes(900, 1)
    const m2 = bytes(500, 2)
    const p1 = encodeChunks(m1, 1, 200)
    const p2 = encodeChunks(m2, 2, 200)
    const a = new ChunkAssembler(clock().now)
    const done = feed(a, [p1[0], p2[0], p2[2], p1[1], p1[2], p1[4], p2[1], p1[3]]).filter((r) => r.kind === 'complete')
    expect(done).toEqual([
      { kind: 'complete', message: m2 },
      { kind: 'complete', message: m1 },
    ])
  })

  test('a duplicated part is ignored; a part repeated with other bytes drops the transfer', () => {
    const parts = encodeChunks(bytes(600), 5, 200)
    const a = new ChunkAssembler(clock().now)
    expect(a.accept(parts[0]).kind).toBe('partial')
    expect(a.accept(parts[0])).toEqual({ kind: 'duplicate' })
    expect(a.accept(parts[1]).kind).toBe('partial')
    expect(a.accept(parts[2])).toEqual({ kind: 'complete', message: bytes(600) })

    const b = new ChunkAssembler(clock().now)
    b.accept(parts[0])
    const forged = chunk(5, 0, 3, 600, bytes(200, 9))
    expect(b.accept(forged)).toMatchObject({ kind: 'refused', reason: 'chunk 0 arrived twice with different bytes' })
    expect(b.openTransfers).toBe(0)
    expect(b.bufferedBytes).toBe(0)
  })

  test('a missing part never completes: the transfer expires on the clock, and its memory is freed', () => {
    const c = clock()
    const parts = encodeChunks(bytes(1000), 9, 100)
    const a = new ChunkAssembler(c.now)
    const results = feed(a, parts.filter((_, i) => i !== 4))
    expect(results.every((r) => r.kind === 'partial')).toBe(true)
    expect(a.bufferedBytes).toBe(900)
    c.advance(DEFAULT_CHUNK_LIMITS.timeoutMs - 1)
    expect(a.expire()).toEqual([])
    c.advance(1)
    expect(a.expire()).toEqual(['a chunked message (9 of 10 parts) stopped arriving and was dropped'])
    expect(a.bufferedBytes).toBe(0)
    // The late part starts a new transfer, which cannot complete alone.
    expect(a.accept(parts[4]).kind).toBe('partial')
  })

  test('refuses oversized, out-of-range, inconsistent and malformed parts', () => {
    const limits: ChunkLimits = { ...DEFAULT_CHUNK_LIMITS, maxMessageBytes: 1000, maxPartBytes: 300 }
    const a = new ChunkAssembler(clock().now, limits)
    const reason = (data: Uint8Array) => {
      const r = a.accept(data)
      return r.kind === 'refused' ? r.reason : r.kind
    }
    expect(reason(chunk(1, 0, 4, 2000, bytes(10)))).toMatch(/announces 2000 bytes, over the 1000-byte limit/)
    expect(reason(chunk(1, 0, 2, 600, bytes(301)))).toMatch(/carries 301 bytes, over the 300-byte limit/)
    expect(reason(chunk(1, 3, 3, 600, bytes(10)))).toMatch(/out of range/)
    expect(reason(chunk(1, 0, 0, 600, bytes(10)))).toMatch(/out of range/)
    expect(reason(chunk(1, 0, 50, 10, bytes(1)))).toMatch(/out of range/)
    expect(reason(chunk(2, 0, 3, 600, bytes(200)))).toBe('partial')
    expect(reason(chunk(2, 1, 4, 600, bytes(200)))).toMatch(/disagrees with its message/)
    expect(reason(chunk(3, 0, 2, 300, bytes(250)))).toBe('partial')
    expect(reason(chunk(3, 1, 2, 300, bytes(100)))).toMatch(/more than the 300 bytes announced/)
    expect(reason(chunk(4, 0, 2, 300, bytes(100)))).toBe('partial')
    expect(reason(chunk(4, 1, 2, 300, bytes(100)))).toMatch(/carry 200 bytes, not the 300 announced/)
    expect(reason(chunk(5, 0, 1, 3, bytes(3)).slice(0, 6))).toMatch(/does not decode/)
    expect(reason(Uint8Array.from([...chunk(5, 0, 1, 3, bytes(3)), 0]))).toMatch(/trailing bytes/)
    expect(reason(Uint8Array.from([0, 1, 2]))).toBe('not a chunk message')
    expect(a.bufferedBytes).toBe(0)
  })

  test('memory is bounded: too many open transfers or too many buffered bytes are refused', () => {
    const limits: ChunkLimits = { ...DEFAULT_CHUNK_LIMITS, maxTransfers: 2, maxBufferedBytes: 500, maxPartBytes: 400 }
    const a = new ChunkAssembler(clock().now, limits)
    expect(a.accept(chunk(1, 0, 2, 800, bytes(300))).kind).toBe('partial')
    expect(a.accept(chunk(2, 0, 2, 800, bytes(100))).kind).toBe('partial')
    expect(a.accept(chunk(3, 0, 2, 800, bytes(100)))).toMatchObject({ kind: 'refused', reason: 'more than 2 chunked messages at once' })
    expect(a.accept(chunk(2, 1, 2, 800, bytes(150)))).toMatchObject({ kind: 'refused', reason: 'too many bytes held for unfinished chunked messages' })
    expect(a.bufferedBytes).toBe(300)
    a.clear()
    expect(a.bufferedBytes).toBe(0)
  })
})
