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
  /** How many remembered items each replica owns (so `undoable()` does not walk a thousand items per transaction). */
  private perOwner = new Map<number, number>()
  /** Every remembered transaction by id, whoever it is blamed on (a flag keeps the id of its own). */
  private ids = new Map<StackItem, number>()
  private nextId = 1
  private latest: { item: StackItem; id: number } | null = null
  /** The stack item the UndoManager added in the transaction now ending (its 'stack-item-added'). */
  private added: StackItem | null = null
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
    this.um.on('stack-item-added', this.onAdded)
    doc.on('afterTransaction', this.onAfter)
  }

  /** Replicas whose changes can be undone here. */
  undoable(): number[] {
    return [...this.perOwner.keys()]
  }

  /** How many replicas `undoable()` lists. */
  get undoableCount(): number {
    return this.perOwner.size
  }

  private forget(item: StackItem): void {
    const owner = this.owners.get(item)
    this.owners.delete(item)
    this.ids.delete(item)
    if (owner === undefined) return
    const left = (this.perOwner.get(owner) ?? 1) - 1
    if (left > 0) this.perOwner.set(owner, left)
    else this.perOwner.delete(owner)
  }

  /** Reverts what `clientID` did (as remembered here). Returns how many transactions were undone. */
  undo(clientID: number): number {
    return this.revert(this.um.undoStack.filter((item) => this.owners.get(item) === clientID))
  }

  /**
   * The id of the transaction that just ended, when it was a remembered remote one (call from an
   * 'afterTransaction' handler registered after this PeerUndo was made); null otherwise.
   */
  justRemembered(): number | null {
    const stack = this.um.undoStack
    const top = stack[stack.length - 1]
    return this.latest !== null && this.latest.item === top ? this.latest.id : null
  }

  /** Whether the transaction `id` is still remembered and not undone. */
  canUndoTransaction(id: number): boolean {
    return this.um.undoStack.some((item) => this.ids.get(item) === id)
  }

  /**
   * Reverts one remembered transaction, whoever sent it (a plain peer publishes no peer id, and a
   * deletion carries no author: it is found by its id, not by a replica). Returns 1, or 0 when it
   * is no longer remembered.
   */
  undoTransaction(id: number): number {
    return this.revert(this.um.undoStack.filter((item) => this.ids.get(item) === id))
  }

  private revert(items: StackItem[]): number {
    if (items.length === 0) return 0
    const tmp = new Y.UndoManager(this.scope, { trackedOrigins: new Set([Symbol('peer-undo')]) })
    tmp.undoStack = [...items]
    while (tmp.undoStack.length > 0) tmp.undo()
    tmp.destroy()
    const gone = new Set(items)
    this.um.undoStack = this.um.undoStack.filter((item) => !gone.has(item))
    for (const item of items) this.forget(item)
    this.version++
    return items.length
  }

  destroy(): void {
    this.um.off('stack-item-added', this.onAdded)
    this.doc.off('afterTransaction', this.onAfter)
    this.um.destroy()
  }

  private onAdded = (event: { stackItem: StackItem; type: 'undo' | 'redo' }): void => {
    if (event.type === 'undo') this.added = event.stackItem
  }

  /**
   * Runs after the UndoManager's own handler (registered first), in the same transaction's
   * cleanup. A transaction started inside another's observers begins before that one ends, so
   * counting the stack at 'beforeTransaction' would give one item to both: the item is the one
   * the UndoManager announced for this very transaction.
   */
  private onAfter = (tr: Y.Transaction): void => {
    const item = this.added
    if (item === null) return
    this.added = null
    const stack = this.um.undoStack
    this.latest = { item, id: this.nextId++ }
    this.ids.set(item, this.latest.id)
    const who = this.blame(tr)
    if (who !== null) {
      this.owners.set(item, who)
      this.perOwner.set(who, (this.perOwner.get(who) ?? 0) + 1)
      this.version++
    }
    while (stack.length > UNDO_KEPT) this.forget(stack.shift() as StackItem)
  }
}
