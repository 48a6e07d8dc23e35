import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { restoreSnapshot } from '../../src/core/history/restoreSnapshot'
import { VERSION_INTERVAL_MS, VERSIONS_KEPT, VersionHistory } from '../../src/core/history/VersionHistory'
import { FAR_CLOCK_GAP, farClockClaims } from '../../src/core/hostile/clockClaims'
import { CLAIM_WINDOW_MS, IdClaims } from '../../src/core/hostile/IdClaims'
import { isMassDelete, removedBy, visibleSize } from '../../src/core/hostile/massDelete'
import { PeerUndo } from '../../src/core/hostile/PeerUndo'
import { addNote, addToCounter, counterValue, deleteNote, listNotes, notesMap, sharedText, updateNote } from '../../src/core/schema'
import { REMOTE, replicaPair } from './helpers/replicaPair'

const pair = replicaPair

describe('mass deletion', () => {
  test('counts removed characters and notes of one transaction, not replaced map values', () => {
    const { local, peer, toLocal, toPeer } = pair()
    sharedText(local).insert(0, 'x'.repeat(100))
    const id = addNote(local, { text: 'n' })
    addNote(local, { text: 'm' })
    toPeer()
    const seen: number[] = []
    let before = 0
    local.on('beforeTransaction', () => {
      before = visibleSize(local)
    })
    local.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === REMOTE) seen.push(removedBy(tr), before)
    })
    updateNote(peer, id, { x: 5, text: 'moved' })
    addToCounter(peer, 3)
    toLocal()
    expect(seen).toEqual([0, 102])
    seen.length = 0
    sharedText(peer).delete(0, 90)
    deleteNote(peer, id)
    toLocal()
    expect(seen).toEqual([91, 102])
    expect(isMassDelete(91, 102)).toBe(true)
    expect(isMassDelete(40, 102)).toBe(false)
    expect(isMassDelete(5, 6)).toBe(false)
  })
})

describe('far clock claims', () => {
  test('flags writers whose update starts far beyond what anyone has shown', () => {
    const w = new Y.Doc()
    w.clientID = 7
    sharedText(w).insert(0, 'abc')
    const decoded = Y.decodeUpdate(Y.encodeStateAsUpdate(w))
    expect(farClockClaims(decoded, () => 0)).toEqual([])
    // Forge: the same struct claimed at clock 5,000,000.
    for (const s of decoded.structs) (s.id as { clock: number }).clock += 5_000_000
    expect(farClockClaims(decoded, () => 12)).toEqual([{ client: 7, clock: 5_000_000, known: 12 }])
    expect(farClockClaims(decoded, () => 5_000_000 - FAR_CLOCK_GAP)).toEqual([])
  })
})

describe('IdClaims', () => {
  test('one client id with two peer ids is a claim; the same pair again is not', () => {
    const c = new IdClaims()
    expect(c.observe(5, 'peer-a', 0)).toBeNull()
    expect(c.observe(5, 'peer-a', 10)).toBeNull()
    expect(c.observe(5, null, 20)).toBeNull()
    expect(c.observe(5, 'peer-b', 30)).toEqual({ clientID: 5, knownPeerId: 'peer-a', claimingPeerId: 'peer-b' })
    expect(c.observe(6, 'peer-c', 30 + CLAIM_WINDOW_MS * 2)).toBeNull()
    expect(c.observe(5, 'peer-b', 30 + CLAIM_WINDOW_MS * 2)).toBeNull()
  })
})

describe('PeerUndo', () => {
  test('reverts one replica’s changes (its deletions too), keeps everyone else’s', () => {
    const { local, peer, toLocal, toPeer } = pair()
    const other = new Y.Doc()
    other.clientID = 3
    const undo = new PeerUndo(local, new Set([REMOTE]), (tr) => {
      const writers = [...tr.afterState].filter(([c, k]) => k > (tr.beforeState.get(c) ?? 0)).map(([c]) => c)
      return writers[0] ?? blameDeletes
    })
    let blameDeletes: number | null = 2
    sharedText(local).insert(0, 'mine ')
    toPeer()
    sharedText(peer).insert(5, 'from peer ')
    toLocal()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(local))
    sharedText(other).insert(0, 'other: ')
    Y.applyUpdate(local, Y.encodeStateAsUpdate(other, Y.encodeStateVector(local)), REMOTE)
    toPeer()
    sharedText(peer).delete(0, sharedText(peer).length)
    notesMap(peer).clear()
    toLocal()
    expect(sharedText(local).toString()).toBe('')
    expect(undo.undoable().sort()).toEqual([2, 3])
    expect(undo.undo(2)).toBe(2)
    expect(sharedText(local).toString()).toBe('other: mine ')
    expect(undo.undoable()).toEqual([3])
    // The revert is a local change: the peer receives it.
    toPeer()
    expect(sharedText(peer).toString()).toBe('other: mine ')
    blameDeletes = null
    undo.destroy()
  })
})

describe('VersionHistory and restoreSnapshot', () => {
  test('keeps changed versions at an interval, bounded, and restores one as a new change', () => {
    const { local, peer, toLocal, toPeer } = pair()
    const h = new VersionHistory(local)
    let now = 0
    sharedText(local).insert(0, 'version one')
    addNote(local, { text: 'keep me' })
    addToCounter(local, 2)
    expect(h.maybeTake(now)?.label).toBe('11 characters, 1 note, counter 2')
    now += 10
    sharedText(local).insert(0, '!')
    expect(h.maybeTake(now)).toBeNull()
    now += VERSION_INTERVAL_MS
    expect(h.maybeTake(now)).not.toBeNull()
    now += VERSION_INTERVAL_MS
    expect(h.maybeTake(now)).toBeNull()
    const first = h.list()[1]
    toPeer()
    sharedText(peer).delete(0, sharedText(peer).length)
    notesMap(peer).clear()
    addToCounter(peer, 5)
    toLocal()
    expect(sharedText(local).toString()).toBe('')
    restoreSnapshot(local, first.snapshot(), 'restore')
    expect(sharedText(local).toString()).toBe('version one')
    expect(listNotes(local).map((n) => n.text)).toEqual(['keep me'])
    expect(counterValue(local)).toBe(2)
    toPeer()
    expect(sharedText(peer).toString()).toBe('version one')
    for (let i = 0; i < VERSIONS_KEPT + 5; i++) {
      now += VERSION_INTERVAL_MS
      sharedText(local).insert(0, 'x')
      h.maybeTake(now)
    }
    expect(h.list()).toHaveLength(VERSIONS_KEPT)
  })
})
