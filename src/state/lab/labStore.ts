import type * as Y from 'yjs'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { NoteView } from '../../core/schema'
import type { ConvergenceSeries, LinkParams, MessageLog } from '../../core/sim'
import type { EqualityMatrix, SvRowData } from './equality'
import type { MixWeights } from './workloadMix'

/** What the user can do in the lab. Implemented by the app (startLab); components only call these. */
export interface LabActions {
  play(): void
  pause(): void
  /** Runs exactly one event (message arrival, edit, anti-entropy round…), pausing first. */
  step(): void
  /** Virtual ms per wall ms. */
  setSpeed(speed: number): void
  /** Shows the run as it was at virtual time `t` (pauses; seeks are coalesced to one per frame). */
  seek(t: number): void
  /** One event or action back (pauses). */
  stepBack(): void
  /** Shows another branch of the run, at its end. */
  switchBranch(id: number): void
  /** Starts a new run with the same setup (replicas, links, anti-entropy, scenario) and this seed. */
  restart(seed: number): void

  /** Default behaviour of every link. */
  setLinkDefaults(params: Partial<LinkParams>): void
  /** One directed link's own parameters (merged over the defaults). */
  setLink(from: number, to: number, params: Partial<LinkParams>): void
  /** Back to the defaults for that directed link. */
  clearLink(from: number, to: number): void
  /** Cuts the link between a and b, or restores it when it is cut. */
  toggleCut(a: number, b: number): void
  /** Splits the replicas into two halves. */
  partitionHalves(): void
  /** Moves a replica into group `group` (an index into the current groups, or their count for a new group). */
  moveToGroup(replica: number, group: number): void
  /** Ends every partition and restores every cut link. */
  heal(): void
  setAntiEntropy(on: boolean, intervalMs?: number): void

  addReplica(): void
  removeReplica(id: number): void

  /** Sets the workload's rate (edits per virtual second) and mix; restarts it if it runs. */
  setWorkload(rate: number, mix: MixWeights): void
  startWorkload(): void
  stopWorkload(): void

  loadScenario(id: string): void
  closeScenario(): void

  /** Reads a trace file (JSON or gzipped JSON) and types it on the replicas, a chunk per frame. */
  importTrace(file: File): void
  cancelTrace(): void
  /** Downloads the run (seed, config, every action with its virtual time) as JSON. */
  exportRun(): void
  /** Replays a run file from scratch; the page then shows the replayed run. */
  importRun(file: File): void

  addToCounter(replica: number, delta: number): void
  addNote(replica: number): void
  updateNote(replica: number, id: string, fields: Partial<Omit<NoteView, 'id'>>): void
  deleteNote(replica: number, id: string): void

  /** Shows a message's details (null: none). */
  select(messageId: number | null): void
  setDiagramView(view: Partial<DiagramView>): void
  dismissNotice(id: number): void
}

/** A replica's identity: changes only when replicas join or leave (or a new run starts). */
export interface ReplicaIdentity {
  id: number
  /** A, A′, A″… */
  name: string
  clientId: number
  color: string
  /** The replica's shared text, bound directly to its text box (a reference: the document is the truth). */
  text: Y.Text
}

/** A replica's notes and counter, recomputed in a frame after they changed. */
export interface ReplicaContent {
  notes: readonly NoteView[]
  counter: number
}

/** A replica's state, as compared in the matrices. */
export interface ReplicaStateView {
  digest: string
  pending: boolean
  /** Ops it holds (sum of its state vector). */
  ops: number
}

export interface WorkloadView {
  running: boolean
  rate: number
  mix: MixWeights
  /** Edits made by the running workload. */
  done: number
}

export interface ScenarioView {
  id: string
  title: string
  explanation: readonly string[]
  claim: string
  settleAt: number
  /** Set once virtual time reached settleAt. */
  outcome: { ok: boolean; detail: string } | null
}

export type TracePhase = 'reading' | 'building' | 'typing' | 'done' | 'stopped' | 'failed'

export interface TraceView {
  fileName: string
  phase: TracePhase
  kind: 'sequential' | 'concurrent' | null
  /** Transactions applied by their agents (or built, while building). */
  applied: number
  total: number
  /** Trace edits per Yjs transaction (sequential traces). */
  batch: number
  /** Length (UTF-16 units) of the trace's end content. */
  endLength: number
  /** Replicas whose text differs from the trace's endContent once done. */
  mismatches: readonly string[] | null
  error: string | null
}

/** One line of the run's history (see core/sim/Timeline). */
export interface BranchView {
  id: number
  name: string
  parent: number | null
  /** Where it left its parent, or null for the first line. */
  forkAt: number | null
  end: number
  current: boolean
}

/** The run in time: how far the current branch goes, whether the page shows its end, and every branch. */
export interface TimelineView {
  end: number
  atEnd: boolean
  /** Why the run cannot be scrubbed (a trace replay), or null. */
  blocked: string | null
  branches: readonly BranchView[]
  checkpoints: number
}

/** A change of the network's topology, marked on the space-time diagram. */
export interface TopologyMark {
  t: number
  label: string
  kind: 'partition' | 'heal' | 'cut' | 'restore'
}

export interface LinkOverride {
  from: number
  to: number
  params: Readonly<Partial<LinkParams>>
}

/** The space-time diagram's window: `follow` keeps "now" at the right edge. */
export interface DiagramView {
  follow: boolean
  /** Pixels per virtual millisecond. */
  pxPerMs: number
  /** Virtual time at the right edge when not following. */
  end: number
}

export interface ShownNumbers {
  now: number
  events: number
  inFlight: number
  messages: number
}

export interface LabNotice {
  id: number
  level: 'error' | 'warning' | 'info'
  text: string
}

export interface LabState {
  /** Bumps whenever the simulation is replaced (new run, scenario, trace, imported run). */
  run: number
  seed: number
  /** Virtual time, every frame (what the canvases draw). */
  now: number
  /** Numbers shown as text, refreshed at most ~10 times a second while time runs (readable, and cheap). */
  numbers: ShownNumbers
  playing: boolean
  speed: number

  link: Readonly<LinkParams>
  overrides: readonly LinkOverride[]
  /** Groups of the partition (every live replica in exactly one), or null when there is none. */
  groups: readonly (readonly number[])[] | null
  cuts: readonly (readonly [number, number])[]
  antiEntropy: { on: boolean; intervalMs: number }
  workload: WorkloadView

  replicas: readonly ReplicaIdentity[]
  content: Readonly<Record<number, ReplicaContent>>
  states: Readonly<Record<number, ReplicaStateView>>
  /** Each replica's text length, kept up to date only while a trace types (its text boxes are hidden then). */
  textLengths: Readonly<Record<number, number>>
  equality: EqualityMatrix
  svRows: readonly SvRowData[]
  /** Virtual time of the state projections (they refresh at most once per frame, less often when costly). */
  statesAt: number

  /** The message log of the current run (a reference) and its version, for the diagram. */
  log: MessageLog
  logVersion: number
  series: ConvergenceSeries
  seriesVersion: number
  marks: readonly TopologyMark[]

  timeline: TimelineView
  scenario: ScenarioView | null
  trace: TraceView | null
  /** Why the run cannot be exported, or null when it can. */
  exportBlocked: string | null
  notices: readonly LabNotice[]
  selected: number | null
  view: DiagramView
  actions: LabActions
}

export type LabStore = StoreApi<LabState>

export const DEFAULT_VIEW: DiagramView = { follow: true, pxPerMs: 0.4, end: 0 }

export type LabStoreInit = Omit<LabState, 'notices' | 'selected' | 'view'> & { view?: DiagramView }

export const createLabStore = (init: LabStoreInit): LabStore =>
  createStore<LabState>()(() => ({ notices: [], selected: null, view: DEFAULT_VIEW, ...init }))

let nextNoticeId = 1

/** Adds a notice (newest first, at most 5 kept). Returns its id. */
export const pushLabNotice = (store: LabStore, level: LabNotice['level'], text: string): number => {
  const id = nextNoticeId++
  store.setState((s) => ({ notices: [{ id, level, text }, ...s.notices].slice(0, 5) }))
  return id
}
