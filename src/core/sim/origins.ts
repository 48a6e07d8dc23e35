/**
 * Transaction origins the simulation passes to Yjs, so a replica's 'update' listener can tell
 * an update that entered through the boundary (a `Delivery`, never re-broadcast) from a local
 * edit (anything else, broadcast to every peer). Any origin that is not a `Delivery`, including
 * null (a plain `doc.transact` or `text.insert` by the UI), counts as a local edit.
 */
export class Delivery {
  constructor(
    /** The message that brought the update, or null (initial content, trace hold-back release). */
    readonly messageId: number | null,
    /** Replica id of the sender, or null. */
    readonly from: number | null,
  ) {}
}

/** The shared initial content every replica starts from (not a message, not an edit). */
export const GENESIS = new Delivery(null, null)

/**
 * A local edit made through the engine (an action, the workload, a trace replay, or the replay
 * of a recorded hand edit). The engine records actions itself, so edits with this origin are
 * not recorded again as raw hand edits. `label` becomes the message summary.
 */
export class LabEdit {
  constructor(
    readonly source: 'action' | 'workload' | 'trace' | 'replayed',
    readonly label: string | null,
    /** Trace transaction index, for trace replays. */
    readonly txn: number | null = null,
    /** For a replayed hand edit: the exact bytes broadcast in the recorded run. */
    readonly bytes: Uint8Array | null = null,
  ) {}
}
