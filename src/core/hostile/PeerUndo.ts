import * as Y from 'yjs'

/** Remote transactions remembered for undo, across all peers (the oldest are forgotten first). */
export const UNDO_KEPT = 1000

type StackItem = Y.UndoManager['undoStack'][number]

/**
 * "Undo what this replica did": one Y.UndoManager captures every remote transaction in the
 * document's shared types (each its own stack item), and each item is attributed to the replica
 * it is blamed on (`blame`, called after the transaction: the writers of its new items, else the
 * replica it arrived from, since Yjs deletions carry no author). `undo(clientID)` reverts that
 * replica's items, newest first, as one local change every replica receives. Needs `gc: false`
 * or the UndoManager's kept items, so deleted content can come back.
 */
export class PeerUndo {
  private um: Y.UndoManager
  private owners = new Map<StackItem, number>()
  private before = 0
  private readonly scope: Array<Y.Text | Y.Map<unknown>>
  version = 0

  constructor(
    readonly doc: Y.Doc,
    /** Transaction origins (or their constructors) that are remote peers. */
    remoteOrigins: Set<unknown>,
    private readonly blame: (tr: Y.Transaction) => number | null,
  ) {
    this.scope = [doc.getText('text'), doc.getMap('notes'), doc.getMap('counter')]
    this.um = new Y.UndoManager(this.scope, { trackedOrigins: remoteOrigins, captureTimeout: 0 })
    doc.on('beforeTransaction', this.onBefore)
    doc.on('afterTransaction', this.onAfter)
  }

  /** Replicas whose changes can be undone here. */
  undoable(): number[] {
    return [...new Set(this.owners.values())]
  }

  /** Reverts what `clientID` did (as remembered here). Returns how many transactions were undone. */
  undo(clientID: number): number {
    const mine = this.um.undoStack.filter((item) => this.owners.get(item) === clientID)
    if (mine.length === 0) return 0
    const tmp = new Y.UndoManager(this.scope, { trackedOrigins: new Set([Symbol('peer-undo')]) })
    tmp.undoStack = [...mine]
    while (tmp.undoStack.length > 0) tmp.undo()
    tmp.destroy()
    const gone = new Set(mine)
    this.um.undoStack = this.um.undoStack.filter((item) => !gone.has(item))
    for (const item of mine) this.owners.delete(item)
    this.version++
    return mine.length
  }

  destroy(): void {
    this.doc.off('beforeTransaction', this.onBefore)
    this.doc.off('afterTransaction', this.onAfter)
    this.um.destroy()
  }

  private onBefore = (): void => {
    this.before = this.um.undoStack.length
  }

  /** Runs after the UndoManager's own handler (registered first): a new stack item is this transaction's. */
  private onAfter = (tr: Y.Transaction): void => {
    const stack = this.um.undoStack
    if (stack.length <= this.before) return
    const who = this.blame(tr)
    if (who !== null) {
      this.owners.set(stack[stack.length - 1], who)
      this.version++
    }
    while (stack.length > UNDO_KEPT) this.owners.delete(stack.shift() as StackItem)
  }
}
