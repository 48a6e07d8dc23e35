import { REPLICA_COLORS } from '../../core/colors'
import type { ApproachId, FaultKind } from '../../core/lecture/types'

/** Short names, for panel headings, table rows and chart labels (the models' titles are sentences). */
export const APPROACH_NAMES: Readonly<Record<ApproachId, string>> = {
  'shared-db': 'Shared database',
  cache: 'Cache + database',
  cookies: 'Cookies',
  functional: 'Functional',
  crdt: 'CRDT replicas',
  hybrid: 'Cookies + CRDT',
}

/** The fault buttons' accessible names (and what the matrix calls each column). */
export const FAULT_BUTTONS: Readonly<Record<FaultKind, { readonly label: string; readonly short: string }>> = {
  'kill-a': { label: 'Kill A', short: 'Kill A' },
  'kill-db': { label: 'Kill the database', short: 'Kill DB' },
  'kill-cache': { label: 'Kill a cache node', short: 'Kill cache' },
  'clear-cookies': { label: 'Clear the clients’ cookies', short: 'Clear cookies' },
  partition: { label: 'Partition A from A′', short: 'Partition' },
  'slow-link': { label: 'Slow one link', short: 'Slow link' },
  'overload-a': { label: 'Overload A', short: 'Overload A' },
  'tamper-cookie': { label: 'Forge a cookie', short: 'Forge cookie' },
}

/** A and A′ wear the same colours as replicas everywhere else in the product. */
export const COLOR_A = REPLICA_COLORS[0]
export const COLOR_A2 = REPLICA_COLORS[1]
