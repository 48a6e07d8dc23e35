import { gunzipSync, gzipSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import { sharedText } from '../../src/core/schema'
import { causalVersions } from '../../src/core/sim/trace/causalVersions'
import { codePointLength, utf16Offset } from '../../src/core/sim/trace/codePoints'
import { parseTrace } from '../../src/core/sim/trace/parseTrace'
import { isGzip, traceText, traceTextSync } from '../../src/core/sim/trace/traceBytes'
import { TraceFormatError } from '../../src/core/sim/trace/TraceFormatError'
import { createTraceReplay } from '../../src/core/sim/trace/TraceReplay'
import { fixture } from './helpers'

const code = (f: () => unknown): string => {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(TraceFormatError)
    return (e as TraceFormatError).code
  }
  throw new Error('expected a TraceFormatError')
}

const seq = (txns: unknown, extra: object = {}) => ({ endContent: '', txns, ...extra })
const conc = (txns: unknown, extra: object = {}) => ({ kind: 'concurrent', numAgents: 2, endContent: '', txns, ...extra })

describe('trace files', () => {
  test('gzip is detected by its magic bytes; Uint8Array and ArrayBuffer both work; decompression is injected', async () => {
    const gz = fixture('friendsforever.json.gz')
    expect(isGzip(gz)).toBe(true)
    const plain = new TextEncoder().encode('{"endContent":"ab","txns":[{"patches":[[0,0,"ab"]]}]}')
    expect(isGzip(plain)).toBe(false)
    expect(parseTrace(traceTextSync(plain)).endContent).toBe('ab')
    expect(parseTrace(await traceText(plain.buffer as ArrayBuffer)).txns).toHaveLength(1)
    expect(parseTrace(await traceText(gzipSync(plain), async (b) => gunzipSync(b))).endContent).toBe('ab')
    expect(code(() => traceTextSync(gz))).toBe('compressed')
    await expect(traceText(gz)).rejects.toBeInstanceOf(TraceFormatError)
    await expect(
      traceText(new Uint8Array([0x1f, 0x8b, 1, 2, 3]), async (b) => gunzipSync(b)),
    ).rejects.toMatchObject({ code: 'compressed' })
  })

  test('malformed files give a TraceFormatError with a code and the path of the problem', () => {
    expect(code(() => parseTrace('{"txns": [}'))).toBe('not-json')
    expect(code(() => parseTrace('[1,2]'))).toBe('bad-field')
    expect(code(() => parseTrace({ kind: 'branching', endContent: '', txns: [] }))).toBe('wrong-kind')
    expect(code(() => parseTrace({ txns: [] }))).toBe('missing-field')
    expect(code(() => parseTrace({ endContent: '' }))).toBe('missing-field')
    expect(code(() => parseTrace(seq([{ patches: [[0, 0]] }])))).toBe('bad-field')
    expect(code(() => parseTrace(seq([{ patches: [[-1, 0, 'a']] }])))).toBe('bad-field')
    expect(code(() => parseTrace(seq([{}])))).toBe('missing-field')
    expect(code(() => parseTrace(seq([{ patches: [[1, 0, 'a']] }])))).toBe('out-of-range')
    expect(code(() => parseTrace(seq([{ patches: [[0, 0, 'ab']] }, { patches: [[1, 2, '']] }])))).toBe('out-of-range')
    expect(code(() => parseTrace(conc([{ parents: [], patches: [] }])))).toBe('missing-field')
    expect(code(() => parseTrace(conc([{ agent: 2, parents: [], patches: [] }])))).toBe('bad-field')
    expect(code(() => parseTrace(conc([{ agent: 0, parents: [0], patches: [] }])))).toBe('bad-parents')
    expect(code(() => parseTrace(conc([{ agent: 0, patches: [] }])))).toBe('missing-field')
    expect(code(() => parseTrace(conc([], { numAgents: 33 })))).toBe('unsupported')
    expect(code(() => parseTrace(conc([], { startContent: 'x' })))).toBe('unsupported')
    try {
      parseTrace(seq([{ patches: [[0, 0, 'a']] }, { patches: [[5, 0, 'b']] }]))
    } catch (e) {
      expect((e as TraceFormatError).path).toBe('txns[1].patches[0]')
      expect((e as Error).message).toContain('past the end')
    }
  })

  test('an agent that forgets its own earlier transaction is rejected', () => {
    const t = parseTrace(
      conc([
        { agent: 0, parents: [], patches: [[0, 0, 'a']] },
        { agent: 0, parents: [], patches: [[0, 0, 'b']] },
      ]),
    )
    expect(code(() => causalVersions(t))).toBe('bad-parents')
  })

  test('out-of-range positions in a concurrent trace are caught during replay, with a typed error', () => {
    const t = parseTrace(
      conc([
        { agent: 0, parents: [], patches: [[0, 0, 'ab']] },
        { agent: 1, parents: [0], patches: [[3, 0, 'x']] },
      ]),
    )
    const replay = createTraceReplay(t)
    expect(code(() => replay.step(10))).toBe('out-of-range')
  })

  test('a small concurrent trace: agents wait for what their parents saw, no more', () => {
    // Agent 0 types "ac"; agent 1, having seen it, inserts "b" between; concurrently agent 0 appends
    // "d"; agent 0, having seen both, appends "e"; agent 1, having seen everything, deletes "a".
    const t = parseTrace({
      kind: 'concurrent',
      numAgents: 2,
      endContent: 'bcde',
      txns: [
        { agent: 0, parents: [], patches: [[0, 0, 'ac']] },
        { agent: 1, parents: [0], patches: [[1, 0, 'b']] },
        { agent: 0, parents: [0], patches: [[2, 0, 'd']] },
        { agent: 0, parents: [1, 2], patches: [[4, 0, 'e']] },
        { agent: 1, parents: [3], patches: [[0, 1, '']] },
      ],
    })
    const cv = causalVersions(t)
    expect([...cv.vectors]).toEqual([0, 0, 1, 0, 1, 0, 2, 1, 3, 1])
    for (const seed of [1, 2, 3, 4, 5]) {
      const replay = createTraceReplay(t, { seed, link: { latencyMs: 40, jitterMs: 60, reorder: 0.5 } })
      expect(replay.step(100).done).toBe(true)
      expect(replay.mismatches()).toEqual([])
      expect(sharedText(replay.sim.replicas[0].doc).toString()).toBe('bcde')
    }
  })

  test('code point positions are converted for text outside the BMP', () => {
    expect(codePointLength('a😀b')).toBe(3)
    expect(utf16Offset('a😀b', 2)).toBe(3)
    const t = parseTrace(seq([{ patches: [[0, 0, 'a😀b']] }, { patches: [[2, 0, 'X']] }, { patches: [[1, 1, '']] }], { endContent: 'aXb' }))
    expect(t.astral).toBe(true)
    const replay = createTraceReplay(t)
    expect(replay.step(10).done).toBe(true)
    expect(replay.mismatches()).toEqual([])
  })
})
