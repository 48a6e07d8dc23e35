import * as decoding from 'lib0/decoding'
import { afterEach, describe, expect, test, vi } from 'vitest'
import * as Y from 'yjs'
import { LiveAntiEntropy } from '../../src/net/liveAntiEntropy'

afterEach(() => {
  vi.useRealTimers()
})

describe('live anti-entropy', () => {
  test('sends sync step 1 every interval only while some replica differs, and a burst after a policy change', () => {
    vi.useFakeTimers()
    const doc = new Y.Doc()
    doc.getText('text').insert(0, 'abc')
    const sent: Uint8Array[] = []
    let differs = false
    const ae = new LiveAntiEntropy(doc, (b) => sent.push(b), () => differs, 2000)
    vi.advanceTimersByTime(6000)
    expect(sent).toHaveLength(0)
    differs = true
    vi.advanceTimersByTime(2000)
    expect(sent).toHaveLength(1)
    // y-webrtc's messageSync (0), then y-protocols' step 1 (0) with this replica's state vector.
    const d = decoding.createDecoder(sent[0])
    expect([decoding.readVarUint(d), decoding.readVarUint(d)]).toEqual([0, 0])
    expect(Y.decodeStateVector(decoding.readVarUint8Array(d))).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)))
    differs = false
    ae.burst()
    vi.advanceTimersByTime(1600)
    expect(sent).toHaveLength(5)
    ae.destroy()
    differs = true
    vi.advanceTimersByTime(10_000)
    expect(sent).toHaveLength(5)
  })
})
