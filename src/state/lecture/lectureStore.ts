import { createStore, type StoreApi } from 'zustand/vanilla'
import type {
  ApproachId,
  ApproachInfo,
  ApproachMetrics,
  FaultKind,
  LectureSnapshot,
  LectureSummary,
} from '../../core/lecture/types'
import type { AvailabilityHistory } from './availabilityHistory'
import { type FaultStates, initialFaults } from './faultStates'
import type { TableSource } from './summaryRows'

/** What the lecturer can do. Implemented by the app; components only call these. */
export interface LectureActions {
  play(): void
  pause(): void
  /** Virtual ms per wall ms, 0.25–4. */
  setSpeed(speed: number): void
  /** Runs virtual time forward by `ms` at once (useful while paused). */
  stepBy(ms: number): void
  /** Requests per second; 0 stops the stream. */
  setRequestRate(perSecond: number): void
  /** Starts over with this seed (the same seed replays the same run). */
  setSeed(seed: number): void
  /** Starts over with the current seed: no faults, empty history, time 0. */
  reset(): void
  /** Injects the fault if it is off or recovering, recovers it if it is active. */
  toggleFault(fault: FaultKind): void
  /** Runs the standard experiment (off the main thread when it can) and shows its results in the table. */
  runStandardExperiment(): void
  showTable(source: TableSource): void
  setShowWords(show: boolean): void
  /** Compact: all six approaches side by side, numbers large, no explanations (`?layout=compact`). */
  setCompact(compact: boolean): void
}

export interface ExperimentState {
  readonly status: 'idle' | 'running' | 'done' | 'failed'
  /** The seed it ran (or runs) with. */
  readonly seed: number | null
  readonly summary: LectureSummary | null
  readonly error: string | null
}

export interface LectureState {
  readonly approaches: readonly ApproachInfo[]
  readonly seed: number
  readonly playing: boolean
  readonly speed: number
  /** Virtual ms per wall ms actually achieved lately (below `speed` when the machine cannot keep up); null when paused. */
  readonly actualSpeed: number | null
  readonly requestRate: number
  /** The latest snapshot, taken at most once per animation frame: the diagrams and the clock read it. */
  readonly frame: LectureSnapshot
  /** Metrics per approach, refreshed a few times a second so that numbers can be read, not flicker. */
  readonly numbers: Readonly<Partial<Record<ApproachId, ApproachMetrics>>>
  /** Virtual time of `numbers`. */
  readonly numbersAt: number
  readonly faults: FaultStates
  readonly history: AvailabilityHistory
  readonly tableSource: TableSource
  readonly experiment: ExperimentState
  /** Show each approach's explanation and weakness (hide them to let the numbers speak). */
  readonly showWords: boolean
  /** All six approaches side by side in one screen (a projector), explanations hidden. */
  readonly compact: boolean
  readonly actions: LectureActions
}

export type LectureStore = StoreApi<LectureState>

export interface LectureStoreInit {
  approaches: readonly ApproachInfo[]
  seed: number
  speed: number
  requestRate: number
  snapshot: LectureSnapshot
  numbers: Readonly<Partial<Record<ApproachId, ApproachMetrics>>>
  /** Default false (the full layout). */
  compact?: boolean
  actions: LectureActions
}

export const IDLE_EXPERIMENT: ExperimentState = { status: 'idle', seed: null, summary: null, error: null }

export const createLectureStore = (init: LectureStoreInit): LectureStore =>
  createStore<LectureState>()(() => ({
    approaches: init.approaches,
    seed: init.seed,
    playing: false,
    speed: init.speed,
    actualSpeed: null,
    requestRate: init.requestRate,
    frame: init.snapshot,
    numbers: init.numbers,
    numbersAt: init.snapshot.now,
    faults: initialFaults(),
    history: {},
    tableSource: 'live',
    experiment: IDLE_EXPERIMENT,
    showWords: true,
    compact: init.compact ?? false,
    actions: init.actions,
  }))

/** The metrics the summary table and the charts show: live numbers, or the experiment's result. */
export const tableMetrics = (s: LectureState): Readonly<Partial<Record<ApproachId, ApproachMetrics>>> =>
  s.tableSource === 'experiment' && s.experiment.summary !== null ? s.experiment.summary.approaches : s.numbers
