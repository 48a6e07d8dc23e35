import * as Y from 'yjs'
import type { RecordedAction } from './actions'
import type { ConvergenceSeries } from './ConvergenceSeries'
import type { MessageLog } from './MessageLog'
import type { NetworkState } from './Network'
import type { PrngState } from './prngState'
import type { Replica } from './Replica'
import type { ReplicaSetState, RestoredReplica } from './ReplicaSet'
import type { SchedulerState } from './Scheduler'
import type { WorkloadParams } from './Workload'

/** One replica in a checkpoint: its document encoded (a Yjs update, pending structs included) and where its logs stood. */
export interface ReplicaCheckpoint {
  id: number
  clientId: number
  doc: Uint8Array
  /** Its encoded state vector, to check a restored document against. */
  sv: Uint8Array
  opLog: Replica['opLog']
  opLogLength: number
  partiallyApplied: Replica['partiallyApplied']
  partialLength: number
}

/**
 * The whole engine between two events, enough to run on from there exactly as the run did:
 * the queue of events as data, the network and its PRNG, the replicas' documents, the workload
 * and anti-entropy, and how far the append-only logs had got (the logs themselves are shared
 * with the run that made the checkpoint, never copied). `position` counts events run plus
 * actions taken: the place of this moment in the run's order of things.
 */
export interface SimCheckpoint {
  at: number
  events: number
  actions: number
  position: number
  scheduler: SchedulerState
  network: NetworkState
  replicaSet: ReplicaSetState
  replicas: ReplicaCheckpoint[]
  log: MessageLog
  logLength: number
  series: ConvergenceSeries
  seriesLength: number
  seriesLast: { distinct: number; inFlight: number } | null
  recorded: readonly RecordedAction[]
  antiEntropy: { on: boolean; intervalMs: number; round: number }
  workload: { params: WorkloadParams; done: number } | null
  workGen: PrngState
  nextSampleAt: number
  /** Bytes held by this checkpoint's own document encodings (those not shared with the previous one). */
  bytes: number
}

/** A checkpoint that cannot be restored (its bytes do not decode, or decode to another state). */
export class CheckpointError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message)
    this.name = 'CheckpointError'
  }
}

/**
 * Encodes a replica's document for a checkpoint, reusing the previous checkpoint's bytes when
 * the document has not changed since (most replicas, most of the time, in a quiet run).
 */
export const encodeReplica = (r: Replica, prev: ReplicaCheckpoint | undefined, prevChanges: number | undefined): { cp: ReplicaCheckpoint; fresh: boolean } => {
  const same = prev !== undefined && prevChanges === r.changes && prev.clientId === r.clientId
  // Version 1 of the update format: it encodes ~5 times faster than v2 here, for 15% more bytes.
  const doc = same ? prev.doc : Y.encodeStateAsUpdate(r.doc)
  return {
    cp: {
      id: r.id,
      clientId: r.clientId,
      doc,
      sv: same ? prev.sv : Y.encodeStateVector(r.doc),
      opLog: r.opLog,
      opLogLength: r.opLog.length,
      partiallyApplied: r.partiallyApplied,
      partialLength: r.partiallyApplied.length,
    },
    fresh: !same,
  }
}

/**
 * The encoding holds the document's structs with their boundaries as they were; Yjs would merge
 * neighbours after loading them (where the original, deleted in another order, kept them
 * apart), and later diffs (sync step 2) would then be encoded in fewer structs than in the run
 * itself. Telling the load's transaction that nothing changed skips that merge (and the GC of
 * deleted content, which the encoding already holds as deleted), so the restored document has
 * the original's structure, and the run goes on byte for byte.
 */
const keepStructure = (tr: Y.Transaction): void => {
  tr.beforeState = new Map(tr.afterState)
  tr.deleteSet.clients.clear()
  tr._mergeStructs.length = 0
}

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean => a.byteLength === b.byteLength && a.every((x, i) => x === b[i])

/** Rebuilds a replica's document from a checkpoint; throws CheckpointError when it does not decode. */
export const decodeReplica = (c: ReplicaCheckpoint, at: number): RestoredReplica => {
  // The replica's own clientID is set after the load: Yjs switches a document to a random id
  // when a remote update brings ops under its own id.
  const doc = new Y.Doc()
  doc.on('beforeObserverCalls', keepStructure)
  try {
    Y.applyUpdate(doc, c.doc)
    doc.clientID = c.clientId
  } catch (e) {
    doc.destroy()
    throw new CheckpointError(`the checkpoint at ${(at / 1000).toFixed(2)} s does not decode (replica ${c.id}: ${e instanceof Error ? e.message : String(e)})`, at)
  }
  if (!equalBytes(Y.encodeStateVector(doc), c.sv)) {
    doc.destroy()
    throw new CheckpointError(`the checkpoint at ${(at / 1000).toFixed(2)} s decodes to another state than it saved (replica ${c.id})`, at)
  }
  doc.off('beforeObserverCalls', keepStructure)
  return { id: c.id, doc, history: { opLog: c.opLog, opLogLength: c.opLogLength, partiallyApplied: c.partiallyApplied, partialLength: c.partialLength } }
}
