import * as decoding from 'lib0/decoding'
import { describe, expect, test } from 'vitest'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { type RelayRoom, relayAwarenessSelectively } from '../../src/net/awarenessRelay'

/** The client ids an awareness message carries. */
const idsIn = (msg: Uint8Array): number[] => {
  const d = decoding.createDecoder(msg)
  decoding.readVarUint(d)
  const u = decoding.createDecoder(decoding.readVarUint8Array(d))
  const n = decoding.readVarUint(u)
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    out.push(decoding.readVarUint(u))
    decoding.readVarUint(u)
    decoding.readVarString(u)
  }
  return out
}

describe('selective awareness relay', () => {
  test('a change heard from others goes only to neighbours not linked to its replica; our own changes go to all', () => {
    const doc = new Y.Doc()
    doc.clientID = 1
    const me = new Awareness(doc)
    // Ten replicas 10..19; peers p10..p19; 10 and 11 are my WebRTC neighbours, 12 my BroadcastChannel mate.
    const links: Record<number, number[]> = { 10: [1, 11, 15], 11: [1, 10], 12: [1, 15] }
    for (let id = 10; id < 20; id++) {
      const d = new Y.Doc()
      d.clientID = id
      const other = new Awareness(d)
      other.setLocalState({ replica: { peerId: `p${id}` }, links: links[id] ?? [] })
      applyAwarenessUpdate(me, encodeAwarenessUpdate(other, [id]), 'setup')
    }
    const sent: Record<string, number[][]> = { p10: [], p11: [], bc: [] }
    const room: RelayRoom = {
      bcconnected: true,
      bcConns: new Set(['p12']),
      webrtcConns: new Map(['p10', 'p11'].map((p) => [p, { peer: { send: (b: Uint8Array) => sent[p].push(idsIn(b)) } }])),
      _awarenessUpdateHandler: () => sent.bc.push([-1]),
    }
    me.on('update', room._awarenessUpdateHandler)
    relayAwarenessSelectively(room, me, (b) => sent.bc.push(idsIn(b)), () => true)
    // A change of 15 heard from the room: 10 and 12 reach 15 themselves, 11 does not.
    room._awarenessUpdateHandler({ added: [], updated: [15], removed: [] }, room)
    expect(sent).toEqual({ p10: [], p11: [[15]], bc: [] })
    // A change of 11: never back to 11; 10 is linked to 11; 12 is not.
    room._awarenessUpdateHandler({ added: [], updated: [11], removed: [] }, room)
    expect(sent).toEqual({ p10: [], p11: [[15]], bc: [[11]] })
    // This replica's own change goes through y-webrtc's handler: to everyone.
    me.setLocalState({ user: { name: 'me' } })
    expect(sent.bc.at(-1)).toEqual([-1])
  })
})
