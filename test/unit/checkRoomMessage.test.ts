import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, test, vi } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import { WebrtcProvider } from 'y-webrtc'
import * as Y from 'yjs'
import { malformedUpdateMessage } from '../../src/app/live/malformedUpdateMessage'
import { sharedText } from '../../src/core/schema'
import { ReplicaGuard } from '../../src/core/ReplicaGuard'
import { validateUpdate } from '../../src/core/validate'
import { checkRoomMessage } from '../../src/net/checkRoomMessage'
import { truncations } from './helpers/bytes'

/** The y-webrtc message types, as y-webrtc writes them. */
const SYNC = 0
const AWARENESS = 1
const QUERY_AWARENESS = 3
const BC_PEER_ID = 4

const message = (write: (e: encoding.Encoder) => void): Uint8Array => {
  const e = encoding.createEncoder()
  write(e)
  return encoding.toUint8Array(e)
}

const makeDoc = () => {
  const doc = new Y.Doc()
  sharedText(doc).insert(0, 'hello')
  doc.getMap('notes').set('k', new Y.Map())
  return doc
}

const realMessages = (): Record<string, Uint8Array> => {
  const doc = makeDoc()
  const other = new Y.Doc()
  const awareness = new awarenessProtocol.Awareness(doc)
  awareness.setLocalState({ user: { name: 'replica 1', color: '#2563eb' }, replica: { digest: 'ab', sv: { 1: 2 } } })
  const sv = Y.encodeStateVector(doc)
  sharedText(doc).insert(5, ' world')
  const update = Y.encodeStateAsUpdate(doc, sv)
  const out = {
    'sync step 1': message((e) => {
      encoding.writeVarUint(e, SYNC)
      syncProtocol.writeSyncStep1(e, doc)
    }),
    'sync step 2': message((e) => {
      encoding.writeVarUint(e, SYNC)
      syncProtocol.writeSyncStep2(e, doc, Y.encodeStateVector(other))
    }),
    'sync step 2 (nothing new)': message((e) => {
      encoding.writeVarUint(e, SYNC)
      syncProtocol.writeSyncStep2(e, doc, Y.encodeStateVector(doc))
    }),
    update: message((e) => {
      encoding.writeVarUint(e, SYNC)
      syncProtocol.writeUpdate(e, update)
    }),
    awareness: message((e) => {
      encoding.writeVarUint(e, AWARENESS)
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]))
    }),
    'query awareness': message((e) => encoding.writeVarUint(e, QUERY_AWARENESS)),
    'bc peer id': message((e) => {
      encoding.writeVarUint(e, BC_PEER_ID)
      encoding.writeUint8(e, 1)
      encoding.writeVarString(e, 'c0ffee00-1234-4abc-8def-0123456789ab')
    }),
  }
  awareness.setLocalState(null)
  const removed = message((e) => {
    encoding.writeVarUint(e, AWARENESS)
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]))
  })
  awareness.destroy()
  return { ...out, 'awareness (state removed)': removed }
}

const KIND: Record<string, string> = {
  'sync step 1': 'sync-step1',
  'sync step 2': 'sync-step2',
  'sync step 2 (nothing new)': 'sync-step2',
  update: 'update',
  awareness: 'awareness',
  'awareness (state removed)': 'awareness',
  'query awareness': 'query-awareness',
  'bc peer id': 'peer-id',
}

describe('checkRoomMessage accepts what y-webrtc sends', () => {
  test('every message type, built with the y-protocols / lib0 encoders, as Uint8Array and as ArrayBuffer', () => {
    for (const [name, m] of Object.entries(realMessages())) {
      expect(checkRoomMessage(m), name).toEqual({ ok: true, kind: KIND[name], bytes: m.length })
      const ab = m.buffer.slice(m.byteOffset, m.byteOffset + m.byteLength)
      expect(checkRoomMessage(ab), `${name} (ArrayBuffer)`).toEqual({ ok: true, kind: KIND[name], bytes: m.length })
    }
  })

  test('the messages a real y-webrtc room broadcasts on connect and on an edit', async () => {
    const roomName = `check-room-message-${Date.now()}`
    const seen: Uint8Array[] = []
    const listener = new BroadcastChannel(roomName)
    listener.onmessage = (e: MessageEvent) => seen.push(new Uint8Array(e.data as ArrayBufferLike))
    const doc = new Y.Doc()
    const provider = new WebrtcProvider(roomName, doc, { signaling: [] })
    try {
      await new Promise((r) => setTimeout(r, 100))
      sharedText(doc).insert(0, 'typed in a real room')
      await new Promise((r) => setTimeout(r, 100))
      const kinds = seen.map((m) => {
        const c = checkRoomMessage(m)
        expect(c.ok, `message ${Array.from(m).slice(0, 12)}…`).toBe(true)
        return c.ok ? c.kind : 'refused'
      })
      for (const k of ['peer-id', 'sync-step1', 'sync-step2', 'query-awareness', 'awareness', 'update']) expect(kinds).toContain(k)
    } finally {
      provider.destroy()
      listener.close()
      doc.destroy()
    }
  })
})

describe('checkRoomMessage refuses', () => {
  test('values that are not binary', () => {
    for (const v of ['\u0000\u0000', 7, null, undefined, [0, 0, 0], { data: new Uint8Array(1) }]) {
      expect(checkRoomMessage(v)).toEqual({ ok: false, reason: 'the message is not binary', bytes: 0 })
    }
  })

  test('unknown message types and unknown sync sub-types', () => {
    for (const t of [2, 5, 6, 127, 128, 100_000]) {
      const m = message((e) => encoding.writeVarUint(e, t))
      expect(checkRoomMessage(m)).toEqual({ ok: false, reason: `unknown message type ${t}`, bytes: m.length })
    }
    const sub = message((e) => {
      encoding.writeVarUint(e, SYNC)
      encoding.writeVarUint(e, 3)
      encoding.writeVarUint8Array(e, new Uint8Array([0]))
    })
    expect(checkRoomMessage(sub)).toEqual({ ok: false, reason: 'unknown sync message type 3', bytes: sub.length })
  })

  test('any valid message with trailing bytes', () => {
    for (const [name, m] of Object.entries(realMessages())) {
      for (const extra of [[0], [1, 2, 3], [255]]) {
        const padded = Uint8Array.from([...m, ...extra])
        const c = checkRoomMessage(padded)
        expect(c.ok, `${name} + ${extra}`).toBe(false)
        if (!c.ok && !name.startsWith('awareness')) expect(c.reason).toBe('the message has trailing bytes')
      }
    }
  })

  test('every truncation of every valid message', () => {
    let tested = 0
    for (const [name, m] of Object.entries(realMessages())) {
      expect(checkRoomMessage(new Uint8Array(0)).ok).toBe(false)
      for (const t of truncations(m)) {
        tested++
        const c = checkRoomMessage(t.bytes)
        expect(c.ok, `${name} cut to ${t.at} of ${m.length} bytes`).toBe(false)
      }
    }
    console.log(`checkRoomMessage: ${tested} truncations refused`)
    expect(tested).toBeGreaterThan(100)
  })

  test('the malformed update the app sends to show the guard (its inserts decode, its delete set does not)', () => {
    const m = malformedUpdateMessage()
    const d = decoding.createDecoder(m)
    expect([decoding.readVarUint(d), decoding.readVarUint(d)]).toEqual([SYNC, 2])
    const c = checkRoomMessage(m)
    expect(c.ok).toBe(false)
    if (!c.ok) {
      expect(c.reason).toMatch(/^malformed update: the update does not decode: /)
      expect(c.bytes).toBe(m.length)
    }
    // And what an unguarded replica would do with it: y-protocols logs the error and the
    // inserts stay applied (half an update).
    const doc = new Y.Doc()
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      syncProtocol.readSyncMessage(decoding.createDecoder(m.slice(1)), encoding.createEncoder(), doc, null)
      expect(logged).toHaveBeenCalled()
    } finally {
      logged.mockRestore()
    }
    expect(sharedText(doc).toString()).toBe('this text should never appear')
  })

  test('awareness with a broken JSON state or trailing bytes inside its payload', () => {
    const badJson = message((e) => {
      encoding.writeVarUint(e, AWARENESS)
      encoding.writeVarUint8Array(
        e,
        message((a) => {
          encoding.writeVarUint(a, 1)
          encoding.writeVarUint(a, 42)
          encoding.writeVarUint(a, 1)
          encoding.writeVarString(a, '{"user":')
        }),
      )
    })
    const c = checkRoomMessage(badJson)
    expect(c.ok).toBe(false)
    if (!c.ok) expect(c.reason).toMatch(/^the message does not decode: /)

    const inner = awarenessProtocol.encodeAwarenessUpdate(new awarenessProtocol.Awareness(new Y.Doc()), [])
    const trailing = message((e) => {
      encoding.writeVarUint(e, AWARENESS)
      encoding.writeVarUint8Array(e, Uint8Array.from([...inner, 9]))
    })
    expect(checkRoomMessage(trailing)).toEqual({ ok: false, reason: 'awareness message has trailing bytes', bytes: trailing.length })
  })

  test('a sync step 1 whose state vector does not decode, and updates over the size limit', () => {
    const badSv = message((e) => {
      encoding.writeVarUint(e, SYNC)
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint8Array(e, Uint8Array.from([5, 1]))
    })
    expect(checkRoomMessage(badSv).ok).toBe(false)

    const update = realMessages().update
    const c = checkRoomMessage(update, (u) => validateUpdate(u, 10))
    expect(c.ok).toBe(false)
    if (!c.ok) expect(c.reason).toMatch(/over the limit|more than the 10-byte limit/)
  })
})

describe('(regression) what the guard lets through reaches the replica', () => {
  test('an accepted sync update must not half-apply on the replica y-webrtc hands it to', () => {
    // Same bytes as in validate.test.ts: a real 33-byte update with one bit flipped. The replica
    // holds "bm" (writer 1); the bad update makes y-webrtc's reader integrate part of it, log an
    // error, and leave a replica whose state no longer encodes.
    const base = Uint8Array.from([1, 3, 1, 0, 1, 1, 4, 116, 101, 120, 116, 1, 132, 1, 0, 1, 109, 196, 1, 0, 1, 1, 1, 98, 1, 1, 1, 0, 1])
    const bad = Uint8Array.from([
      1, 3, 2, 0, 196, 1, 2, 1, 1, 1, 112, 193, 2, 0, 1, 1, 0, 196, 1, 2, 2, 0, 1, 113, 2, 2, 1, 1, 1, 1, 1, 0, 1,
    ])
    const m = message((e) => {
      encoding.writeVarUint(e, SYNC)
      syncProtocol.writeUpdate(e, bad)
    })
    const doc = new Y.Doc()
    Y.applyUpdate(doc, base)
    // What LiveConnection does: updates are tried on the replica's shadow first.
    const guard = new ReplicaGuard(doc)
    const check = checkRoomMessage(m, (u) => guard.check(u))
    expect(check.ok).toBe(false)
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      if (check.ok) {
        const d = decoding.createDecoder(m)
        decoding.readVarUint(d)
        syncProtocol.readSyncMessage(d, encoding.createEncoder(), doc, null)
      }
    } finally {
      logged.mockRestore()
    }
    let encodable = true
    try {
      Y.encodeStateAsUpdate(doc)
    } catch {
      encodable = false
    }
    // Today: accepted (check.ok true), the text becomes "bpm" and the state no longer encodes.
    expect({ text: sharedText(doc).toString(), encodable }).toEqual({ text: 'bm', encodable: true })
  })
})
