import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { restoreSnapshot } from '../../src/core/history/restoreSnapshot'
import { snapshotBefore } from '../../src/core/history/snapshotBefore'
import { PeerUndo } from '../../src/core/hostile/PeerUndo'
import { addNote, notesMap, sharedText } from '../../src/core/schema'
import { REMOTE, replicaPair } from './helpers/replicaPair'

const pair = replicaPair

describe('undoing a flagged change whoever sent it', () => {
  test('a deletion blamed on nobody is undone by its transaction id', () => {
    const { local, peer, toLocal, toPeer } = pair()
    const undo = new PeerUndo(local, new Set([REMOTE]), () => null)
    const ids: Array<number | null> = []
    local.on('afterTransaction', () => ids.push(undo.justRemembered()))
    sharedText(local).insert(0, 'the class text, typed here')
    addNote(local, { text: 'a note' })
    toPeer()
    peer.transact(() => {
      sharedText(peer).delete(0, sharedText(peer).length)
      notesMap(peer).clear()
    })
    toLocal()
    const id = ids.at(-1)
    expect(id).not.toBeNull()
    expect(undo.undoable()).toEqual([])
    expect(undo.canUndoTransaction(id as number)).toBe(true)
    expect(undo.undoTransaction(id as number)).toBe(1)
    expect(sharedText(local).toString()).toBe('the class text, typed here')
    expect(notesMap(local).size).toBe(1)
    expect(undo.canUndoTransaction(id as number)).toBe(false)
    expect(undo.undoTransaction(id as number)).toBe(0)
    // The undo is a local change: the peer receives it.
    toPeer()
    expect(sharedText(peer).toString()).toBe('the class text, typed here')
  })

  test('snapshotBefore is the document just before the transaction, restorable', () => {
    const { local, peer, toLocal, toPeer } = pair()
    sharedText(local).insert(0, 'kept, then partly deleted before')
    sharedText(local).delete(0, 6)
    toPeer()
    let before: Y.Snapshot | null = null
    local.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === REMOTE) before = snapshotBefore(tr)
    })
    peer.transact(() => {
      sharedText(peer).delete(0, 10)
      sharedText(peer).insert(0, 'NEW ')
    })
    toLocal()
    expect(sharedText(local).toString()).not.toBe('then partly deleted before')
    const snap = before as unknown as Y.Snapshot
    const past = Y.createDocFromSnapshot(local, snap)
    expect(sharedText(past).toString()).toBe('then partly deleted before')
    restoreSnapshot(local, snap, 'restore')
    expect(sharedText(local).toString()).toBe('then partly deleted before')
  })

  test('a transaction started inside a remote one\'s observers does not take over its id', () => {
    const { local, peer, toLocal, toPeer } = pair()
    const undo = new PeerUndo(local, new Set([REMOTE]), () => null)
    const ids: Array<number | null> = []
    local.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === REMOTE) ids.push(undo.justRemembered())
    })
    sharedText(local).insert(0, 'twenty characters or more')
    toPeer()
    // A binding that writes back while the remote change is observed (a local transaction inside the cleanup).
    sharedText(local).observe((_e, tr) => {
      if (tr.origin === REMOTE) local.getMap('counter').set('1', 1)
    })
    sharedText(peer).delete(0, sharedText(peer).length)
    toLocal()
    const id = ids[0] as number
    expect(undo.canUndoTransaction(id)).toBe(true)
    expect(undo.undoTransaction(id)).toBe(1)
    expect(sharedText(local).toString()).toBe('twenty characters or more')
  })
})
