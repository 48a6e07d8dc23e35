import * as encoding from 'lib0/encoding'
import { describe, expect, test } from 'vitest'
import { awarenessStateProblem, MAX_AWARENESS_DEPTH, MAX_AWARENESS_STATE_CHARS } from '../../src/core/awarenessCap'
import { checkRoomMessage } from '../../src/net/checkRoomMessage'

/** A y-webrtc awareness message carrying `json` as the state of client 7. */
const awarenessMessage = (json: string): Uint8Array => {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, 1)
  encoding.writeVarUint(inner, 7)
  encoding.writeVarUint(inner, 1)
  encoding.writeVarString(inner, json)
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner))
  return encoding.toUint8Array(e)
}

const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`

describe('a peer awareness state of bounded size and depth', () => {
  test('our own kind of state passes, brackets inside strings do not count', () => {
    const ours = JSON.stringify({
      user: { name: 'Ana [[[[[[[[[[[[[[[[[[[[', color: '#2563eb', joined: 1 },
      replica: { clientID: 1, code: 'abc', digest: 'ff', sv: { 1: 20, 2: 30 }, pending: false, waitingOn: {}, peerId: 'p' },
      policy: { policy: { groups: [[1, 2], [3]] }, sig: 'ab' },
      links: [2, 3],
    })
    expect(awarenessStateProblem(ours)).toBeNull()
    expect(checkRoomMessage(awarenessMessage(ours))).toMatchObject({ ok: true, kind: 'awareness' })
    expect(awarenessStateProblem(JSON.stringify({ s: '\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[' }))).toBeNull()
  })

  test('a 5,000-deep array in `replica` is refused before it is parsed', () => {
    const deep = `{"replica":${nested(5000)}}`
    expect(awarenessStateProblem(deep)).toBe(`an awareness state nested deeper than ${MAX_AWARENESS_DEPTH} levels`)
    expect(checkRoomMessage(awarenessMessage(deep))).toMatchObject({ ok: false, reason: expect.stringContaining('nested deeper') })
    expect(awarenessStateProblem(nested(MAX_AWARENESS_DEPTH))).toBeNull()
  })

  test('a 1 MB name is refused whole', () => {
    const big = JSON.stringify({ user: { name: 'x'.repeat(1024 * 1024) } })
    expect(awarenessStateProblem(big)).toContain(`over the limit of ${MAX_AWARENESS_STATE_CHARS}`)
    expect(checkRoomMessage(awarenessMessage(big)).ok).toBe(false)
  })
})
