import type { ApproachId, FaultKind } from './types'

interface ApproachText {
  readonly title: string
  readonly stateLives: string
  readonly explanation: string
  readonly weakness: string
}

/** The words the lecture shows next to each approach's numbers. */
export const APPROACH_TEXT: Readonly<Record<ApproachId, ApproachText>> = {
  'shared-db': {
    title: 'Stateless servers, shared database',
    stateLives: 'in the database',
    explanation:
      'A and A′ keep nothing: every request goes from the server to one shared database and back. Any server can answer, so C fails over freely, and A = A′ holds trivially because both are empty.',
    weakness:
      'Every request pays a database round trip, and the database is now the one thing that must not fail: when it is down, nothing can be served.',
  },
  cache: {
    title: 'Stateless servers, cache in front of the database',
    stateLives: 'in the database, copied into cache nodes',
    explanation:
      'Each server reads through its own in-memory cache node (A uses K1, A′ uses K2); a hit skips the database, a miss reads it and fills the cache. Writes go to the database and are written through to both caches.',
    weakness:
      'The cache is local state again, so A = A′ is back in question: a cache that missed a write (cut off by a partition, or a fill racing a write) keeps serving the old value until it expires; a dead cache node sends its reads to the database (slower, more load) and comes back empty.',
  },
  cookies: {
    title: 'Client-held state (signed cookies)',
    stateLives: 'in each user’s cookie',
    explanation:
      'The state rides in a cookie sent with every request; the server verifies its signature, applies the request and sets the new cookie. A and A′ hold nothing, so either answers and a dead server loses nothing.',
    weakness:
      'Clearing cookies loses the state, a cookie is capped at about 4 KB (larger writes are refused), every request carries it, a forged cookie can only be thrown away, and state shared between users cannot live in one user’s cookie.',
  },
  functional: {
    title: 'Functional servers: state as arguments',
    stateLives: 'in client storage and a store, passed in per request',
    explanation:
      'A and A′ run one pure function, (state, request) → (new state, response), and keep nothing between requests. The cart travels with the request from the client’s storage and comes back in the response; the shared counter is read from a store, passed in and written back with compare-and-set.',
    weakness:
      'The state did not go away, it moved: requests carry it both ways, the client can still lose its part, and the shared part still needs a store that every request depending on it waits for.',
  },
  crdt: {
    title: 'CRDT replicas: A and A′ both keep the state',
    stateLives: 'on A and on A′ (each a Y.Doc)',
    explanation:
      'A and A′ each keep the whole state, answer from it at once and send each change to the other. Changes commute, so both end equal whatever the order; after a partition or a restart they swap state vectors and catch up. No database, no client-held state.',
    weakness:
      'While A and A′ cannot talk, each answers from what it has (stale reads until they heal), and a replica that dies before its changes reached the other loses them.',
  },
  hybrid: {
    title: 'Combination: cookies for the cart, CRDT for the counter',
    stateLives: 'cart in the cookie, counter on A and A′',
    explanation:
      'Private state (a user’s cart) travels in that user’s signed cookie; shared state (the counter) lives in CRDT replicas on A and A′. Every request is answered locally, without a database.',
    weakness:
      'It keeps the smaller form of both weaknesses: carts still vanish with cookies and hit the size cap; the counter is stale across a partition until anti-entropy runs.',
  },
}

export const FAULT_TEXT: Readonly<Record<FaultKind, { readonly label: string; readonly detail: string }>> = {
  'kill-a': { label: 'kill A', detail: 'Server A crashes (its memory is lost); recovery restarts it empty.' },
  'kill-db': { label: 'kill the database', detail: 'The database (or store) stops answering; its data is on disk and survives.' },
  'kill-cache': { label: 'kill cache K1', detail: 'A’s cache node crashes; it comes back empty (cold).' },
  'clear-cookies': { label: 'clear cookies', detail: 'Clients C and D clear their cookies and site storage, once.' },
  partition: {
    label: 'partition A | A′',
    detail: 'A and A′ cannot reach each other (nor the other side’s cache node); clients and the database still reach both.',
  },
  'slow-link': { label: 'slow C–A', detail: 'The link between client C and A becomes slower (10× by default).' },
  'overload-a': { label: 'overload A', detail: 'A’s CPU time per request grows (25× by default, a noisy neighbour): it sheds load with 503.' },
  'tamper-cookie': { label: 'forge a cookie', detail: 'One user raises their own count in their cookie, keeping the old signature.' },
}
