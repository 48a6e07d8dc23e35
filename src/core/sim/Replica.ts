import * as Y from 'yjs'
import { stateDigest } from '../digest'
import { type RejectReason, UpdateRejectedError } from '../validate'
import { Delivery } from './origins'
import type { Payload } from './SimMessage'
import { validatedOnce } from './validatedOnce'

/**
 * One update that left or entered a replica, or was refused at its boundary. `changed` says
 * whether an accepted update changed the document (a duplicate or an already-known diff does not).
 */
export interface OpLogEntry {
  at: number
  dir: 'out' | 'in' | 'rejected'
  bytes: number
  /** The message that brought it ('in', 'rejected'), or null (local edit, initial content). */
  messageId: number | null
  /** Sender replica id ('in', 'rejected'), or null. */
  from: number | null
  changed: boolean
  reason: RejectReason | null
  /** For 'out': what was broadcast (its summary is computed on first read). */
  payload: Payload | null
}

export type LocalUpdateHandler = (replica: Replica, update: Uint8Array, origin: unknown, tr: Y.Transaction) => void

/** A replica's logs up to some point, for a replica restored from a checkpoint (the arrays are copied, never mutated). */
export interface ReplicaHistory {
  opLog: readonly OpLogEntry[]
  opLogLength: number
  partiallyApplied: ReadonlyArray<number | null>
  partialLength: number
}

/** Whether a transaction changed the document (what Yjs checks before it emits 'update'). */
const changedBy = (tr: Y.Transaction): boolean => {
  if (tr.deleteSet.clients.size > 0) return true
  for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) return true
  return false
}

/**
 * A simulated replica: a real Y.Doc with the document schema, plus its boundary and op log.
 * Contract: every update that enters goes through `receive` (validated, applied with a `Delivery`
 * origin, logged); every local transaction (any other origin) is handed to `onLocal` for
 * broadcasting. The digest is cached and recomputed only after the document changed.
 * A rejected update leaves the document untouched, with one known exception: an update that
 * the boundary check accepts (it decodes; the simulated network never alters payloads) but that makes Yjs throw
 * against this document's content after integrating part of it (see `partiallyApplied`).
 */
export class Replica {
  readonly opLog: OpLogEntry[]
  /**
   * Messages (ids, or null) whose update passed validation, then made Yjs throw after it had
   * integrated part of it. Yjs reads and integrates structs in order, so what got in is a prefix
   * of the update's ops: the document stays consistent, as if it had received part of the update
   * (anti-entropy brings the rest). Empty unless someone injects corrupt bytes: the simulated
   * network never alters payloads.
   */
  readonly partiallyApplied: Array<number | null>
  /** Bumps whenever the document changes (a checkpoint re-encodes only replicas that changed). */
  changes = 0
  private digestCache: string | null = null
  private changedInReceive = false
  private listening = false
  private readonly onUpdate: (update: Uint8Array, origin: unknown, doc: Y.Doc, tr: Y.Transaction) => void
  private readonly onBefore: (tr: Y.Transaction) => void
  private readonly onAfter: (tr: Y.Transaction) => void

  constructor(
    /** Stable id, never reused in a simulation. */
    readonly id: number,
    /** Display name: A, A′, A″… */
    readonly name: string,
    /** Index into REPLICA_COLORS (colors.ts: a function of the clientID, as in every view); distinct among live replicas unless clientIDs were given explicitly. */
    readonly colorIndex: number,
    readonly doc: Y.Doc,
    private readonly now: () => number,
    onLocal: LocalUpdateHandler,
    history?: ReplicaHistory,
  ) {
    this.opLog = history === undefined ? [] : history.opLog.slice(0, history.opLogLength)
    this.partiallyApplied = history === undefined ? [] : history.partiallyApplied.slice(0, history.partialLength)
    // Yjs encodes every transaction as an update while anyone listens to 'update'. Only local
    // edits need their bytes (to broadcast them): the listener is attached for local
    // transactions alone, and deliveries are seen in 'afterTransaction', unencoded.
    this.onUpdate = (update, origin, _doc, tr) => {
      // A delivery's own 'update' can fire while the listener is on, when an observer of that
      // delivery started a local transaction (it is attached by then); 'afterTransaction' saw it.
      if (origin instanceof Delivery) return
      this.digestCache = null
      this.changes++
      onLocal(this, update, origin, tr)
    }
    this.onBefore = (tr) => {
      const local = !(tr.origin instanceof Delivery)
      if (local === this.listening) return
      this.listening = local
      if (local) doc.on('update', this.onUpdate)
      else doc.off('update', this.onUpdate)
    }
    this.onAfter = (tr) => {
      if (tr.origin instanceof Delivery && changedBy(tr)) {
        this.digestCache = null
        this.changes++
        this.changedInReceive = true
      }
    }
    doc.on('beforeTransaction', this.onBefore)
    doc.on('afterTransaction', this.onAfter)
  }

  get clientId(): number {
    return this.doc.clientID
  }

  /**
   * The boundary: validates `update` (memoized per byte array), applies it with origin `via`, and
   * logs it. Returns the rejection (document untouched) or null.
   */
  receive(update: Uint8Array, via: Delivery): UpdateRejectedError | null {
    const check = validatedOnce(update)
    if (!check.ok) {
      this.opLog.push({
        at: this.now(),
        dir: 'rejected',
        bytes: check.error.bytes,
        messageId: via.messageId,
        from: via.from,
        changed: false,
        reason: check.error.reason,
        payload: null,
      })
      return check.error
    }
    this.changedInReceive = false
    try {
      Y.applyUpdate(this.doc, update, via)
    } catch (e) {
      // The update decoded, but this document holds
      // what the update refers to and Yjs threw. If nothing changed (no 'update' event fired), this is
      // a clean rejection; otherwise part of the update got in (see partiallyApplied).
      const changed = this.changedInReceive
      if (changed) this.partiallyApplied.push(via.messageId)
      this.opLog.push({ at: this.now(), dir: 'rejected', bytes: update.byteLength, messageId: via.messageId, from: via.from, changed, reason: 'malformed', payload: null })
      return new UpdateRejectedError('malformed', update.byteLength, `the update does not apply to this replica${changed ? ' (half-applied)' : ''}: ${e instanceof Error ? e.message : String(e)}`)
    }
    this.opLog.push({
      at: this.now(),
      dir: 'in',
      bytes: update.byteLength,
      messageId: via.messageId,
      from: via.from,
      changed: this.changedInReceive,
      reason: null,
      payload: null,
    })
    return null
  }

  /** Records a local update that was broadcast. */
  logOut(payload: Payload): void {
    this.opLog.push({
      at: this.now(),
      dir: 'out',
      bytes: payload.data.byteLength,
      messageId: null,
      from: null,
      changed: true,
      reason: null,
      payload,
    })
  }

  /** SHA-256 of the snapshot (see stateDigest), cached until the document changes. */
  digest(): string {
    if (this.digestCache === null) this.digestCache = stateDigest(this.doc)
    return this.digestCache
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate)
    this.doc.off('beforeTransaction', this.onBefore)
    this.doc.off('afterTransaction', this.onAfter)
    this.doc.destroy()
  }
}
