import { summarizePayload } from './summarizePayload'

/**
 * What a message carries: a Yjs update broadcast by its writer, or one of the two y-protocols
 * sync messages used by anti-entropy and by (re)connection: step 1 carries the sender's state
 * vector, step 2 the diff the receiver of step 1 has and the sender lacks (plus its delete set).
 */
export type MessageKind = 'update' | 'sync-step1' | 'sync-step2'

/**
 * Why a message never reached its replica: lost in transit, its link was partitioned or cut
 * (when it was sent, or at any moment while it was in flight), or its destination was removed.
 */
export type DropReason = 'loss' | 'partition' | 'cut' | 'removed'

/**
 * The bytes one send puts on the wire, shared by every copy of that send (one per destination,
 * plus duplicates). Payload bytes are immutable: nothing in the simulation writes into them.
 * The summary is computed on first read only, so sending costs nothing per message.
 */
export class Payload {
  private cachedSummary: string | null = null
  constructor(
    readonly kind: MessageKind,
    readonly data: Uint8Array,
    /** Replica id of the writer. */
    readonly origin: number,
    /** A readable label known when sending (for example `counter +1`), or null to derive one from the bytes. */
    readonly label: string | null = null,
    /** Index of the trace transaction this update carries, when a trace replay produced it. */
    readonly txn: number | null = null,
  ) {}

  get summary(): string {
    if (this.cachedSummary === null) this.cachedSummary = this.label ?? summarizePayload(this.kind, this.data)
    return this.cachedSummary
  }
}

/**
 * One message of the simulated network. Immutable once settled (received or dropped); until then
 * `receivedAt` and `droppedAt` are null and the message is in flight. A message dropped because
 * its link was down when it was sent has `droppedAt === sentAt`.
 */
export class SimMessage {
  receivedAt: number | null = null
  droppedAt: number | null = null
  dropReason: DropReason | null = null
  /** Set when the message arrived but the replica's boundary refused its update (the document is untouched). */
  rejected: string | null = null

  constructor(
    readonly id: number,
    readonly from: number,
    readonly to: number,
    readonly payload: Payload,
    readonly sentAt: number,
    /** When it arrives (or would have arrived, for a message lost in transit). */
    readonly arriveAt: number,
    /** Id of the message this one is a network duplicate of, or null. */
    readonly duplicateOf: number | null,
    /** True when the message left its link's FIFO order (see LinkParams.reorder). */
    readonly reordered: boolean,
    /** Id of the message this one re-sends after it was dropped (trace replay), or null. */
    readonly resendOf: number | null = null,
  ) {}

  get kind(): MessageKind {
    return this.payload.kind
  }

  /** Bytes on the wire: the update, or the whole sync message. */
  get bytes(): number {
    return this.payload.data.byteLength
  }

  get summary(): string {
    return this.payload.summary
  }

  get settled(): boolean {
    return this.receivedAt !== null || this.droppedAt !== null
  }
}

/** A message as plain JSON data, with its summary: what an export or a space-time diagram reads. */
export interface MessageData {
  id: number
  from: number
  to: number
  kind: MessageKind
  bytes: number
  summary: string
  sentAt: number
  receivedAt: number | null
  droppedAt: number | null
  dropReason: DropReason | null
  rejected: string | null
  duplicateOf: number | null
  reordered: boolean
  resendOf: number | null
  txn: number | null
}

export const messageData = (m: SimMessage): MessageData => ({
  id: m.id,
  from: m.from,
  to: m.to,
  kind: m.kind,
  bytes: m.bytes,
  summary: m.summary,
  sentAt: m.sentAt,
  receivedAt: m.receivedAt,
  droppedAt: m.droppedAt,
  dropReason: m.dropReason,
  rejected: m.rejected,
  duplicateOf: m.duplicateOf,
  reordered: m.reordered,
  resendOf: m.resendOf,
  txn: m.payload.txn,
})
