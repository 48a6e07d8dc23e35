import { beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { stateDigest } from '../../src/core/digest'
import { pendingOf } from '../../src/core/pending'
import { addNote, addToCounter, counterValue, deleteNote, listNotes, sharedText, updateNote } from '../../src/core/schema'
import { ReplicaGuard } from '../../src/core/ReplicaGuard'
import { applyValidated, MAX_UPDATE_BYTES, UpdateRejectedError, validateUpdate } from '../../src/core/validate'
import { byteList, sameBytes, singleBitFlips, truncations } from './helpers/bytes'
import { replayTrace } from './helpers/traceCorpus'

/** A replica's whole observable state: what it would send, its digest, what it holds pending. */
interface Fingerprint {
  state: Uint8Array
  digest: string
  pending: string
}
const fingerprintOf = (doc: Y.Doc): Fingerprint => {
  const p = pendingOf(doc)
  return { state: Y.encodeStateAsUpdate(doc), digest: stateDigest(doc), pending: `${p.has}|${p.bytes}` }
}
const sameFingerprint = (a: Fingerprint, b: Fingerprint): boolean =>
  a.digest === b.digest && a.pending === b.pending && sameBytes(a.state, b.state)
/** For single assertions: the fingerprint as one comparable string. */
const fingerprint = (doc: Y.Doc): string => {
  const f = fingerprintOf(doc)
  return `${byteList(f.state)}|${f.digest}|${f.pending}`
}

/** What a user sees of a replica: text, notes, counter. */
const content = (doc: Y.Doc): string =>
  JSON.stringify({ text: sharedText(doc).toString(), notes: listNotes(doc), counter: counterValue(doc) })

const docFrom = (state: Uint8Array, clientID = 777_777_777): Y.Doc => {
  const doc = new Y.Doc()
  doc.clientID = clientID
  Y.applyUpdate(doc, state)
  return doc
}

describe('validateUpdate: what is refused before decoding', () => {
  test('refuses values that are not byte arrays', () => {
    for (const v of ['1,2,3', 42, null, undefined, [1, 0, 0], { 0: 1 }, new ArrayBuffer(4), new Uint16Array([1, 0])]) {
      const r = validateUpdate(v)
      expect(r.ok, String(v)).toBe(false)
      if (!r.ok) {
        expect(r.error).toBeInstanceOf(UpdateRejectedError)
        expect(r.error.reason).toBe('not-bytes')
      }
    }
  })

  test('refuses an empty update', () => {
    const r = validateUpdate(new Uint8Array(0))
    expect(r.ok).toBe(false)
    if (!r.ok) expect([r.error.reason, r.error.bytes, r.error.message]).toEqual(['empty', 0, 'the update is empty'])
  })

  test('refuses updates over the size cap, the default cap and a custom one', () => {
    const big = validateUpdate(new Uint8Array(MAX_UPDATE_BYTES + 1))
    expect(big.ok).toBe(false)
    if (!big.ok) expect([big.error.reason, big.error.bytes]).toEqual(['too-large', MAX_UPDATE_BYTES + 1])

    const doc = new Y.Doc()
    sharedText(doc).insert(0, 'x'.repeat(200))
    const update = Y.encodeStateAsUpdate(doc)
    expect(validateUpdate(update).ok).toBe(true)
    const small = validateUpdate(update, 100)
    expect(small.ok).toBe(false)
    if (!small.ok) {
      expect(small.error.reason).toBe('too-large')
      expect(small.error.message).toBe(`the update is ${update.length} bytes, more than the 100-byte limit`)
    }
    expect(validateUpdate(update, update.length).ok).toBe(true)
  })

  test('refuses garbage (seeded random bytes and a few classic shapes)', () => {
    const seed = 0x5eed
    console.log(`garbage seed ${seed}`)
    let x = seed
    const next = () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0
      return x >>> 24
    }
    const shapes = [
      Uint8Array.from([255]),
      Uint8Array.from([255, 255, 255, 255, 255, 255, 255, 255, 255, 255]),
      new TextEncoder().encode('{"text":"hello"}'),
      Uint8Array.from([1, 1, 5, 0, 4, 1]),
    ]
    let refused = 0
    const total = shapes.length + 200
    for (const s of shapes) if (!validateUpdate(s).ok) refused++
    for (let i = 0; i < 200; i++) {
      const u = Uint8Array.from({ length: 8 + (i % 40) }, next)
      const r = validateUpdate(u)
      if (!r.ok) {
        expect(r.error.reason).toBe('malformed')
        refused++
      }
    }
    // Random bytes almost never form a Yjs update; every one of these does not.
    expect(refused).toBe(total)
  })
})

describe('validateUpdate and applyValidated on real updates', () => {
  test('accepts a real update and reports its size', () => {
    const a = new Y.Doc()
    a.clientID = 10
    sharedText(a).insert(0, 'hello')
    const sv = Y.encodeStateVector(a)
    const b = docFrom(Y.encodeStateAsUpdate(a), 20)
    sharedText(b).insert(5, ' world')
    sharedText(b).delete(0, 2)
    const update = Y.encodeStateAsUpdate(b, sv)
    expect(validateUpdate(update)).toEqual({ ok: true, bytes: update.byteLength })
    const guard = new ReplicaGuard(docFrom(Y.encodeStateAsUpdate(a), 30))
    expect(guard.check(update)).toEqual({ ok: true, bytes: update.byteLength })
  })

  test('accepts an update whose dependencies the validator lacks (it goes pending in the scratch doc)', () => {
    const a = new Y.Doc()
    a.clientID = 10
    sharedText(a).insert(0, 'abc')
    const sv = Y.encodeStateVector(a)
    sharedText(a).insert(3, 'def')
    const tail = Y.encodeStateAsUpdate(a, sv)
    expect(validateUpdate(tail).ok).toBe(true)
  })

  test('applyValidated applies a good update with its origin, and refuses a bad one leaving the doc as it was', () => {
    const src = new Y.Doc()
    sharedText(src).insert(0, 'this text should never appear')
    const update = Y.encodeStateAsUpdate(src)
    const doc = new Y.Doc()
    sharedText(doc).insert(0, 'mine')
    const origins: unknown[] = []
    doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin))
    origins.length = 0

    const before = fingerprint(doc)
    const err = applyValidated(doc, update.slice(0, update.length - 1), 'peer')
    expect(err).toBeInstanceOf(UpdateRejectedError)
    expect(err?.reason).toBe('malformed')
    expect(fingerprint(doc)).toBe(before)
    expect(origins).toEqual([])
    // Plain Yjs on the same bytes: integrates the inserts, then throws (half-applied).
    const plain = new Y.Doc()
    expect(() => Y.applyUpdate(plain, update.slice(0, update.length - 1))).toThrow()
    expect(sharedText(plain).toString()).toBe('this text should never appear')

    expect(applyValidated(doc, update, 'peer')).toBeNull()
    expect(origins).toEqual(['peer'])
    expect(sharedText(doc).toString()).toMatch(/mine/)
    expect(sharedText(doc).toString()).toMatch(/this text should never appear/)
  })
})

interface CorpusCase {
  name: string
  /** State of the non-empty replica the update is applied to. */
  target: Uint8Array
  update: Uint8Array
}

/** Real updates: slices of the friendsforever trace (2 writers typing at once), plus notes and counter edits. */
const buildCorpus = (): CorpusCase[] => {
  const { txnUpdates } = replayTrace(800)
  const stateAt = (k: number) => Y.mergeUpdates(txnUpdates.slice(0, k))
  /** What y-protocols sends as sync step 2: the replica at `m` txns, minus what a replica at `k` has. */
  const step2 = (k: number, m: number) => {
    const d = docFrom(stateAt(m), 1)
    const u = Y.encodeStateAsUpdate(d, Y.encodeStateVectorFromUpdate(stateAt(k)))
    d.destroy()
    return u
  }
  const notes = (): CorpusCase => {
    const a = new Y.Doc()
    a.clientID = 11
    const n1 = addNote(a, { text: 'first', x: 10, y: 20 })
    const n2 = addNote(a, { text: 'second', x: 200, y: 40, color: '#bbf7d0' })
    addToCounter(a, 2)
    sharedText(a).insert(0, 'notes and a counter')
    const target = Y.encodeStateAsUpdate(a)
    const b = docFrom(target, 22)
    updateNote(b, n1, { x: 120, color: '#bfdbfe', text: 'first, moved' })
    addNote(b, { text: 'third' })
    deleteNote(b, n2)
    addToCounter(b, 3)
    addToCounter(b, -1)
    sharedText(b).delete(0, 6)
    sharedText(b).insert(0, 'just ')
    return { name: 'notes + counter + text edits by a second writer', target, update: Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)) }
  }
  return [
    { name: 'one keystroke as broadcast (txn 100)', target: stateAt(100), update: txnUpdates[100] },
    { name: 'five txns merged (300–304)', target: stateAt(300), update: Y.mergeUpdates(txnUpdates.slice(300, 305)) },
    { name: 'sync step 2, txns 200→240 (both writers)', target: stateAt(200), update: step2(200, 240) },
    { name: 'sync step 2, txns 690→740 (deletion burst)', target: stateAt(690), update: step2(690, 740) },
    { name: 'sync step 2, txns 400→600', target: stateAt(400), update: step2(400, 600) },
    { name: 'full state of 60 txns onto a replica holding 30 (overlap)', target: stateAt(30), update: stateAt(60) },
    { name: 'sync step 2, txns 300→700', target: stateAt(300), update: step2(300, 700) },
    notes(),
  ]
}

interface Failure {
  case: string
  mutation: string
  bytes: string
  detail: string
}

interface CorpusResult {
  updates: number
  updateBytes: number
  truncations: number
  flips: number
  rejected: number
  truncationsRejected: number
  accepted: number
  appliedCleanly: number
  /** Of those, the ones after which the replica held nothing pending. */
  appliedCleanlyNothingPending: number
  threw: number
  threwAndChanged: number
  /** Rejections that touched the target (must stay empty). */
  rejectedButChanged: Failure[]
  /** Accepted mutations that threw on the real target (must stay empty). */
  acceptedButThrew: Failure[]
  /** Accepted, applied without an error, but the replica's saved state loads back as other content. */
  reloadDiffers: Failure[]
  /** One line per corpus update: its size and what its mutations did. */
  perCase: string[]
  ms: number
}

const runCorpus = (corpus: CorpusCase[]): CorpusResult => {
  const t0 = performance.now()
  const r: CorpusResult = {
    updates: corpus.length,
    updateBytes: 0,
    truncations: 0,
    flips: 0,
    rejected: 0,
    truncationsRejected: 0,
    accepted: 0,
    appliedCleanly: 0,
    appliedCleanlyNothingPending: 0,
    threw: 0,
    threwAndChanged: 0,
    rejectedButChanged: [],
    acceptedButThrew: [],
    reloadDiffers: [],
    perCase: [],
    ms: 0,
  }
  for (const c of corpus) {
    r.updateBytes += c.update.length
    // The unmutated update is valid and applies cleanly: the corpus is made of real updates.
    const sane = docFrom(c.target)
    expect(applyValidated(sane, c.update, 'peer'), c.name).toBeNull()
    sane.destroy()

    const caseStart = { rejected: r.rejected, accepted: r.accepted, threw: r.threw, changed: r.threwAndChanged, reload: r.reloadDiffers.length }
    let shared = docFrom(c.target)
    let guard = new ReplicaGuard(shared)
    const baseline = fingerprintOf(shared)
    const mutations = [
      ...[...truncations(c.update)].map((t) => ({ label: `truncated to ${t.at} bytes`, bytes: t.bytes, trunc: true })),
      ...[...singleBitFlips(c.update)].map((f) => ({ label: `bit ${f.bit} flipped`, bytes: f.bytes, trunc: false })),
    ]
    for (const m of mutations) {
      if (m.trunc) r.truncations++
      else r.flips++
      // Exactly what a live replica does with an incoming update: its guard tries it on a shadow first.
      let err: UpdateRejectedError | null = null
      let thrown: unknown = null
      try {
        err = guard.apply(m.bytes, 'peer')
      } catch (e) {
        thrown = e
      }
      if (err !== null) {
        r.rejected++
        if (m.trunc) r.truncationsRejected++
        // The real replica must come out exactly as it went in.
        if (!sameFingerprint(fingerprintOf(shared), baseline)) {
          r.rejectedButChanged.push({ case: c.name, mutation: m.label, bytes: byteList(m.bytes), detail: 'changed' })
          guard.destroy()
          shared.destroy()
          shared = docFrom(c.target)
          guard = new ReplicaGuard(shared)
        }
        continue
      }
      r.accepted++
      if (thrown === null) {
        r.appliedCleanly++
        // What it saves must load back to what it shows (else two replicas can share a digest, not a
        // text). Only checked when nothing is pending: Yjs saves pending structs too, and a reload
        // may integrate them, which is the pending update resolving, not a divergence.
        const shown = pendingOf(shared).has ? null : content(shared)
        let reloaded: string | null = null
        if (shown !== null) {
          try {
            reloaded = content(docFrom(Y.encodeStateAsUpdate(shared)))
          } catch (e) {
            reloaded = `reload threw: ${(e as Error).message}`
          }
        }
        if (shown !== null) r.appliedCleanlyNothingPending++
        if (shown !== null && reloaded !== null && reloaded !== shown) {
          let at = 0
          while (at < shown.length && shown[at] === reloaded[at]) at++
          const from = Math.max(0, at - 20)
          r.reloadDiffers.push({
            case: c.name,
            mutation: m.label,
            bytes: byteList(m.bytes),
            detail: `shows …${shown.slice(from, at + 20)}…, reloads as …${reloaded.slice(from, at + 20)}…`,
          })
        }
      } else {
        r.threw++
        let changed: string
        try {
          changed = sameFingerprint(fingerprintOf(shared), baseline) ? 'left unchanged' : 'HALF-APPLIED'
        } catch (e2) {
          changed = `HALF-APPLIED and the replica can no longer encode its state (${(e2 as Error).message})`
        }
        if (changed !== 'left unchanged') r.threwAndChanged++
        r.acceptedButThrew.push({
          case: c.name,
          mutation: m.label,
          bytes: byteList(m.bytes),
          detail: `${(thrown as Error).message}; ${changed}`,
        })
      }
      // Accepted: the replica took it (or part of it); start the next mutation from a fresh copy.
      guard.destroy()
      shared.destroy()
      shared = docFrom(c.target)
      guard = new ReplicaGuard(shared)
    }
    guard.destroy()
    shared.destroy()
    r.perCase.push(
      `${c.name}: ${c.update.length} B, ${mutations.length} mutations, rejected ${r.rejected - caseStart.rejected}, ` +
        `accepted ${r.accepted - caseStart.accepted}, accepted-then-threw ${r.threw - caseStart.threw} ` +
        `(half-applied ${r.threwAndChanged - caseStart.changed}), applied but reloads differently ${r.reloadDiffers.length - caseStart.reload}`,
    )
  }
  r.ms = Math.round(performance.now() - t0)
  return r
}

describe('validateUpdate on a corpus of truncated and bit-flipped real updates', () => {
  let result: CorpusResult

  beforeAll(() => {
    const t0 = performance.now()
    const corpus = buildCorpus()
    console.log(`corpus built in ${Math.round(performance.now() - t0)} ms: ${corpus.map((c) => `${c.name}: ${c.update.length} B`).join('; ')}`)
    result = runCorpus(corpus)
    const { rejectedButChanged, acceptedButThrew, reloadDiffers, perCase, ...counts } = result
    console.log(`validation corpus, per update:\n  ${perCase.join('\n  ')}`)
    console.log(
      `validation corpus: ${JSON.stringify({ ...counts, rejectedButChanged: rejectedButChanged.length, acceptedButThrew: acceptedButThrew.length, appliedButReloadsDifferently: reloadDiffers.length })}`,
    )
  }, 120_000)

  test('the corpus is large: thousands of truncations and tens of thousands of bit flips', () => {
    expect(result.updates).toBeGreaterThanOrEqual(8)
    expect(result.truncations).toBeGreaterThan(1500)
    expect(result.flips).toBeGreaterThan(12_000)
    expect(result.truncations + result.flips).toBe(result.rejected + result.accepted)
  })

  test('every truncation is refused', () => {
    expect(result.truncationsRejected).toBe(result.truncations)
  })

  test('every refused mutation leaves the real replica exactly unchanged (bytes, digest, pending)', () => {
    expect(result.rejectedButChanged).toEqual([])
  })

  test('every accepted mutation applies to the real, non-empty replica without throwing', () => {
    // Fails today: see the regression tests below and the report. The scratch document used by
    // validateUpdate is empty, so a mutated update whose dependencies it lacks goes pending there
    // and is never integrated; on a real replica that has those dependencies it integrates, breaks
    // part-way and throws.
    const sample = result.acceptedButThrew.slice(0, 3)
    expect(
      { acceptedButThrew: result.acceptedButThrew.length, ofWhichChangedTheReplica: result.threwAndChanged, sample },
      `${result.acceptedButThrew.length} of ${result.accepted} accepted mutations threw on the real replica`,
    ).toEqual({ acceptedButThrew: 0, ofWhichChangedTheReplica: 0, sample: [] })
  })

  test('accepted mutations that apply cleanly almost always load back as the same content', () => {
    // A mutated update can be valid to Yjs and still name its origins so that where it lands
    // depends on arrival order. ReplicaGuard refuses items that sit outside their origins; without
    // that check this corpus had 33 such cases (of ~9,400 accepted), with it 1 is left (a changed
    // delete range). The bound keeps that from growing back.
    expect(
      { count: result.reloadDiffers.length, sample: result.reloadDiffers.slice(0, 3) },
      `${result.reloadDiffers.length} of ${result.appliedCleanly} cleanly applied mutations (${result.appliedCleanlyNothingPending} with nothing pending) save a state that loads as other content`,
    ).toSatisfy((r: { count: number }) => r.count <= Math.ceil(result.appliedCleanly / 1000))
  })
})

describe('(regression) mutated updates that validateUpdate accepts and ReplicaGuard must refuse', () => {
  // Each `bad` is a real update made by Yjs with ONE bit flipped; `base` is the replica's state.
  // Found by the same truncate/flip search run over small hand-made edits (the smallest cases);
  // the trace corpus above shows the same failures by the hundred.

  test('deletes the replica\'s text, then throws: half-applied (17-byte update, one bit flipped)', () => {
    // base: writer 1 typed "t". good: writer 2 typed a char after it, then deleted it and the "t";
    // bad: byte 7 (the length of writer 2's deleted item) flipped from 1 to 0.
    const base = Uint8Array.from([1, 1, 1, 0, 4, 1, 4, 116, 101, 120, 116, 1, 116, 0])
    const good = Uint8Array.from([1, 1, 2, 0, 129, 1, 0, 1, 2, 2, 1, 0, 1, 1, 1, 0, 1])
    const bad = Uint8Array.from([1, 1, 2, 0, 129, 1, 0, 0, 2, 2, 1, 0, 1, 1, 1, 0, 1])
    expect(applyValidated(docFrom(base), good, 'peer')).toBeNull()

    expect(validateUpdate(bad).ok).toBe(true) // accepted: the scratch doc lacks "t", so it only goes pending there
    const doc = docFrom(base)
    const guard = new ReplicaGuard(doc)
    const before = fingerprint(doc)
    let thrown: string | null = null
    try {
      expect(guard.apply(bad, 'peer')).toBeInstanceOf(UpdateRejectedError)
    } catch (e) {
      thrown = (e as Error).message
    }
    // Unguarded (applyValidated): thrown = "Unexpected case", text = "" (the "t" is gone).
    expect({ thrown, text: sharedText(doc).toString(), unchanged: fingerprint(doc) === before }).toEqual({
      thrown: null,
      text: 't',
      unchanged: true,
    })
  })

  test('inserts part of the update, throws, and leaves a replica that can no longer encode its state', () => {
    // base: "bm" by writer 1. good: writer 2 inserts "q" and "p" (result "bqpm"); bad: byte 16 bit 0
    // flipped (an origin clock). After it, encodeStateAsUpdate throws on every call: this replica
    // cannot answer sync step 1 any more.
    const base = Uint8Array.from([1, 3, 1, 0, 1, 1, 4, 116, 101, 120, 116, 1, 132, 1, 0, 1, 109, 196, 1, 0, 1, 1, 1, 98, 1, 1, 1, 0, 1])
    const bad = Uint8Array.from([
      1, 3, 2, 0, 196, 1, 2, 1, 1, 1, 112, 193, 2, 0, 1, 1, 0, 196, 1, 2, 2, 0, 1, 113, 2, 2, 1, 1, 1, 1, 1, 0, 1,
    ])
    expect(validateUpdate(bad).ok).toBe(true)
    const doc = docFrom(base)
    const guard = new ReplicaGuard(doc)
    expect(sharedText(doc).toString()).toBe('bm')
    const before = fingerprint(doc)
    let thrown: string | null = null
    try {
      expect(guard.apply(bad, 'peer')).toBeInstanceOf(UpdateRejectedError)
    } catch (e) {
      thrown = (e as Error).message
    }
    let encodable = true
    try {
      Y.encodeStateAsUpdate(doc)
    } catch {
      encodable = false
    }
    // Unguarded: thrown = "Cannot read properties of undefined (reading 'id')", text = "bpm", not encodable.
    expect({ thrown, text: sharedText(doc).toString(), encodable, unchanged: encodable && fingerprint(doc) === before }).toEqual({
      thrown: null,
      text: 'bm',
      encodable: true,
      unchanged: true,
    })
  })

  test('an update whose item lies outside its origins is refused, so equal digests keep meaning equal text', () => {
    // base: "hello" by writer 1. good: writer 2 inserts "X" after "he" and deletes an "l" → "heXlo".
    // bad: byte 6 bit 1 flipped, so the inserted item's origin lies right of its right origin.
    // Validated and applied without any error, it still breaks A = A′: the digest (state vector +
    // delete set) is equal while the text is not.
    const base = Uint8Array.from([1, 1, 1, 0, 4, 1, 4, 116, 101, 120, 116, 5, 104, 101, 108, 108, 111, 0])
    const bad = Uint8Array.from([1, 1, 2, 0, 196, 1, 3, 1, 2, 1, 88, 1, 1, 1, 3, 1])
    expect(validateUpdate(bad).ok).toBe(true)
    // Unguarded, base then bad shows "heXlo" and bad then base shows "heloX", with equal digests.
    const a = new Y.Doc()
    const guardA = new ReplicaGuard(a)
    expect(guardA.apply(base, 'peer')).toBeNull()
    expect(guardA.apply(bad, 'peer')).toBeInstanceOf(UpdateRejectedError)
    expect(sharedText(a).toString()).toBe('hello')
    // The other order: bad cannot be judged alone (it waits for "hello"), so it is held pending;
    // when base completes it, the check sees the misplaced item and refuses base instead. The
    // replica never shows the corrupted text, and its digest differs, so A ≠ A′ says so.
    const b = new Y.Doc()
    const guardB = new ReplicaGuard(b)
    expect(guardB.apply(bad, 'peer')).toBeNull()
    expect(guardB.apply(base, 'peer')).toBeInstanceOf(UpdateRejectedError)
    expect(sharedText(b).toString()).toBe('')
    expect(stateDigest(b)).not.toBe(stateDigest(a))
  })
})
