/**
 * The lecture's public data: approach and fault names, and the plain objects a snapshot and a
 * summary are made of. Everything here is serialisable data (no functions, no class instances).
 */

/** The six approaches, in the order the lecture tells them. */
export const APPROACH_IDS = ['shared-db', 'cache', 'cookies', 'functional', 'crdt', 'hybrid'] as const
export type ApproachId = (typeof APPROACH_IDS)[number]

/**
 * Faults, each injected and recovered by one call, applied to every approach at once.
 * `clear-cookies` and `tamper-cookie` act once when injected; their recovery only closes the window.
 */
export const FAULT_KINDS = [
  'kill-a',
  'kill-db',
  'kill-cache',
  'clear-cookies',
  'partition',
  'slow-link',
  'overload-a',
  'tamper-cookie',
] as const
export type FaultKind = (typeof FAULT_KINDS)[number]

/** What a fault does to one approach: it applies, or the approach has nothing it could hit ("n/a"). */
export type FaultEffect = 'applied' | 'n/a'

/** A window of requests, by the faults active when they were issued; 'none' = no fault active. */
export type WindowKey = FaultKind | 'none'

export type NodeKind = 'client' | 'server' | 'db' | 'cache'

export interface NodeView {
  readonly id: string
  readonly kind: NodeKind
  readonly label: string
  readonly up: boolean
  /** Requests waiting, and being served, at this node (0 for clients). */
  readonly queued: number
  readonly busy: number
  /** Bytes of application state this node holds right now. */
  readonly bytes: number
}

export interface LinkView {
  /** `a|b` with a < b. */
  readonly id: string
  readonly a: string
  readonly b: string
  /** Current one-way latency before jitter (base × slow factor). */
  readonly latencyMs: number
  readonly cut: boolean
  readonly slow: boolean
}

export type DropReason = 'sender-down' | 'receiver-down' | 'partitioned'

/** One message, as data: the diagram is a pure function of these. */
export interface MessageView {
  readonly id: number
  readonly from: string
  readonly to: string
  readonly kind: string
  readonly bytes: number
  readonly sentAt: number
  /** When it arrives (or would have arrived) if not dropped. */
  readonly dueAt: number
  readonly recvAt: number | null
  readonly droppedAt: number | null
  readonly dropReason: DropReason | null
}

export interface LatencyStats {
  readonly p50: number | null
  readonly p95: number | null
  readonly mean: number | null
}

export interface WindowStats extends LatencyStats {
  readonly requests: number
  readonly answered: number
  readonly failed: number
  /** answered / (answered + failed); null before any request of the window finished. */
  readonly availability: number | null
  /** The same over writes only (add, remove, increment). */
  readonly writeAvailability: number | null
}

/** Bytes of application state, by where it sits. */
export interface BytesWhere {
  readonly servers: number
  readonly db: number
  readonly cache: number
  readonly client: number
}

export interface AEqualsA2 {
  /** Same code on A and A′ (always true here: both run the same build). */
  readonly code: boolean
  /** Same local state now; null when one of them is down. */
  readonly state: boolean | null
  /** Fraction of the probes (every `probeMs`) at which both were up and equal; null before the first. */
  readonly equalFraction: number | null
  /** What was compared, in a few words. */
  readonly detail: string
}

export interface ApproachMetrics {
  /** Requests issued, finished (answered = ok + refused; failed = no server could answer), still pending. */
  readonly requests: number
  readonly answered: number
  readonly ok: number
  readonly refused: number
  readonly failed: number
  readonly pending: number
  /** answered / (answered + failed) over all finished requests. */
  readonly availability: number | null
  /** Latency of answered requests, from issue to answer (includes failover); also for reads and writes apart. */
  readonly latency: LatencyStats
  readonly readLatency: LatencyStats
  readonly writeLatency: LatencyStats
  /** The same over requests finished in the last `recentWindowMs` (live view). */
  readonly recent: WindowStats
  /** Requests answered by the client's second-choice server (A′ for C, A for D) because the first failed, timed out, shed load, or did so recently. */
  readonly failovers: number
  /** Every message of the approach (requests, database and cache calls, replication, anti-entropy). */
  readonly messages: number
  readonly messagesPerRequest: number | null
  readonly bytesPerRequest: number | null
  readonly reads: number
  /** Reads that missed a write acknowledged before the read was issued, in the cart or in the counter. */
  readonly staleReads: number
  readonly staleCartReads: number
  readonly staleCounterReads: number
  /** Writes refused because the cookie would pass the size limit. */
  readonly rejectedWrites: number
  /** Forged cookies detected by their signature (the session is then discarded). */
  readonly tamperDetected: number
  /** Writes executed by both servers (a client timed out and retried). */
  readonly duplicateWrites: number
  /** Acknowledged writes lost for good: missing from the state the approach will converge to. */
  readonly dataLost: number
  /** Acknowledged writes not lost but not yet on every copy (replicas apart, updates in flight). */
  readonly notYetEverywhere: number
  readonly bytes: BytesWhere
  readonly aEqualsA2: AEqualsA2
  /** Per window: 'n/a' when that fault does not apply to this approach. */
  readonly windows: Readonly<Record<WindowKey, WindowStats | 'n/a'>>
  /** Approach-specific counters (cache hits and misses, compare-and-set retries, …). */
  readonly extras: Readonly<Record<string, number>>
}

export interface ApproachInfo {
  readonly id: ApproachId
  readonly title: string
  /** Where the state lives, in a few words. */
  readonly stateLives: string
  /** 2–4 sentences in plain words. */
  readonly explanation: string
  readonly weakness: string
  readonly faults: Readonly<Record<FaultKind, FaultEffect>>
}

export interface ApproachSnapshot {
  readonly id: ApproachId
  readonly metrics: ApproachMetrics
  readonly nodes: readonly NodeView[]
  readonly links: readonly LinkView[]
  /** The most recent messages, oldest first. */
  readonly messages: readonly MessageView[]
}

export interface LectureSnapshot {
  /** Increases whenever anything changed: compare it, not the contents. */
  readonly version: number
  readonly now: number
  readonly requestRate: number
  readonly activeFaults: readonly FaultKind[]
  readonly approaches: readonly ApproachSnapshot[]
}

export interface LectureSummary {
  readonly seed: number
  readonly endedAt: number
  readonly requests: number
  readonly approaches: Readonly<Partial<Record<ApproachId, ApproachMetrics>>>
}
