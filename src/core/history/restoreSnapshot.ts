import * as Y from 'yjs'

const REVERT = Symbol('revert')

/**
 * Brings `doc` back to what it showed at `snapshot`, as new changes on top (every replica
 * receives them; nothing is rewritten): the document as it was is rebuilt from the snapshot,
 * everything since is replayed into it under an UndoManager and undone, and the difference is
 * applied to `doc` as one local transaction with `origin`. Needs `doc.gc === false` (deleted
 * content must still be there). Returns the bytes of that change.
 */
export const restoreSnapshot = (doc: Y.Doc, snapshot: Y.Snapshot, origin: unknown): Uint8Array => {
  const past = Y.createDocFromSnapshot(doc, snapshot)
  try {
    const types = [past.getText('text'), past.getMap('notes'), past.getMap('counter')]
    const undo = new Y.UndoManager(types, { trackedOrigins: new Set([REVERT]), captureTimeout: Number.POSITIVE_INFINITY })
    Y.applyUpdate(past, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(past)), REVERT)
    undo.undo()
    undo.destroy()
    const change = Y.encodeStateAsUpdate(past, Y.encodeStateVector(doc))
    Y.transact(doc, () => Y.applyUpdate(doc, change), origin, true)
    return change
  } finally {
    past.destroy()
  }
}
