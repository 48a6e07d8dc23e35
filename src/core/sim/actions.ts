import type { Edit } from './edits'
import type { LinkParams } from './LinkParams'
import type { WorkloadParams } from './Workload'

/**
 * Everything a user (or a scenario's plan) can do to a simulation, as data. The engine records
 * each action a user takes with its virtual time and the number of events run before it, so an
 * exported run replays exactly (see runRecord.ts).
 */
export type SimAction =
  /** Both `from` and `to`: that directed link; neither: the default for every link. */
  | { type: 'setLink'; from?: number; to?: number; params: Partial<LinkParams> }
  | { type: 'clearLink'; from: number; to: number }
  | { type: 'partition'; groups: number[][] }
  | { type: 'heal' }
  | { type: 'cutLink'; a: number; b: number }
  | { type: 'restoreLink'; a: number; b: number }
  /** Both replicas send sync step 1 now (what a reconnect does). */
  | { type: 'syncPair'; a: number; b: number }
  | { type: 'setAntiEntropy'; on: boolean; intervalMs?: number }
  | { type: 'addReplica' }
  | { type: 'removeReplica'; id: number }
  | { type: 'startWorkload'; params: WorkloadParams }
  | { type: 'stopWorkload' }
  | { type: 'edit'; replica: number; edit: Edit }
  /** A local edit made directly on a replica's Y.Doc (not through `edit`), kept as its update bytes. */
  | { type: 'handEdit'; replica: number; update: Uint8Array; label: string }

export type SimActionType = SimAction['type']

/** An action taken by a user: at virtual time `at`, after `step` events had run. */
export interface RecordedAction {
  at: number
  step: number
  action: SimAction
}

/** An action a scenario schedules itself, at virtual time `at`. */
export interface TimedAction {
  at: number
  action: SimAction
}
