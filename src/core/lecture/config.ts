/**
 * Every knob of the lecture's models, in virtual milliseconds and bytes. The defaults are chosen so
 * that the contrasts show at 40 requests per second: a database round trip costs about 15 ms more
 * than local state, a cache hit about 2 ms, a failover about one client timeout.
 */
export interface LectureConfig {
  /** Users, alternately behind client C (near A) and client D (near A′). */
  users: number
  /** A user issues at most one request per this many ms (a person clicking): keeps one user's requests from overlapping. */
  minUserGapMs: number
  /** Share of each request kind in the stream (need not sum to 1). */
  opMix: { read: number; add: number; remove: number; inc: number }
  /** Items carry a note (gift message, options) of 0..maxNoteLength characters: what makes carts heavy. */
  maxNoteLength: number

  /** One-way latencies. "Near" is C–A and D–A′, "far" is C–A′ and D–A. */
  nearMs: number
  farMs: number
  serverDbMs: number
  serverCacheMs: number
  serverServerMs: number
  /** Each message takes latency × (1 + jitter × u), u uniform in [0, 1); links stay FIFO. */
  jitter: number

  /** Servers A and A′: CPU time per request, workers; a request is shed (503) when its expected time in the queue plus service exceeds maxResidenceMs. */
  serverServiceMs: number
  serverWorkers: number
  maxResidenceMs: number
  dbServiceMs: number
  dbWorkers: number
  cacheServiceMs: number
  cacheWorkers: number
  /** Cached entries expire after this long. */
  cacheTtlMs: number

  /** The client gives up on a server after this long and tries the other one. */
  clientTimeoutMs: number
  /** A server gives up on the database (store) after this long. */
  dbTimeoutMs: number
  /** A server gives up on its cache node after this long and goes to the database. */
  cacheTimeoutMs: number
  /** After a timeout the client (or a server, for its cache) avoids that node for this long. */
  suspectMs: number
  /** After a 503 the client avoids that server for this long. */
  overloadSuspectMs: number

  /** Browsers refuse cookies over 4 KB: a write that would make the cookie larger is refused. */
  cookieLimitBytes: number
  /** Secret shared by A and A′ to sign cookies (HMAC-SHA256). Same code, same config: part of A = A′. */
  cookieKey: string

  /** Fault strengths: slow-link multiplies C–A latency, overload-a multiplies A's service time. */
  slowFactor: number
  overloadFactor: number

  /** Live "recent" metrics cover the last this many ms. */
  recentWindowMs: number
  /** A = A′ is sampled every this many ms (for the fraction of time it held). */
  probeMs: number
  /** Messages kept per approach for the diagram. */
  logSize: number
}

export const DEFAULT_CONFIG: Readonly<LectureConfig> = Object.freeze({
  users: 32,
  minUserGapMs: 300,
  opMix: Object.freeze({ read: 0.6, add: 0.2, remove: 0.06, inc: 0.14 }),
  maxNoteLength: 1000,

  nearMs: 10,
  farMs: 25,
  serverDbMs: 2,
  serverCacheMs: 1,
  serverServerMs: 5,
  jitter: 0.2,

  serverServiceMs: 4,
  serverWorkers: 1,
  maxResidenceMs: 100,
  dbServiceMs: 10,
  dbWorkers: 4,
  cacheServiceMs: 0.2,
  cacheWorkers: 1,
  cacheTtlMs: 60_000,

  clientTimeoutMs: 200,
  dbTimeoutMs: 100,
  cacheTimeoutMs: 20,
  suspectMs: 1000,
  overloadSuspectMs: 200,

  cookieLimitBytes: 4096,
  cookieKey: 'lecture-secret',

  slowFactor: 10,
  overloadFactor: 25,

  recentWindowMs: 1000,
  probeMs: 100,
  logSize: 256,
})

export const resolveConfig = (partial: Partial<LectureConfig> = {}): LectureConfig => ({
  ...DEFAULT_CONFIG,
  ...partial,
  opMix: { ...DEFAULT_CONFIG.opMix, ...partial.opMix },
})
