import { listNotes, NOTE_COLORS } from '../../core/schema'
import {
  Player,
  RunFormatError,
  type Scenario,
  scenarioById,
  Simulation,
  type SimConfigInput,
  type Trace,
} from '../../core/sim'
import { exportTimeline, replayBranchedRun } from '../../core/sim/runBranches'
import { INTERACTIVE_POLICY } from '../../core/sim/CheckpointPolicy'
import { Timeline } from '../../core/sim/Timeline'
import { EMPTY_MATRIX } from '../../state/lab/equality'
import {
  createLabStore,
  DEFAULT_VIEW,
  type LabActions,
  type LabState,
  type LabStore,
  pushLabNotice,
  type ScenarioView,
  type TimelineView,
} from '../../state/lab/labStore'
import { paletteClientIds } from '../../core/sim/paletteClientIds'
import { halves, moveToGroup } from '../../state/lab/partitionGroups'
import { DEFAULT_MIX_WEIGHTS, type MixWeights, toWorkloadMix } from '../../state/lab/workloadMix'
import { FrameScheduler } from '../frameScheduler'
import { decodeInPage, type TraceDecoder } from './decodeTrace'
import { FrameStats } from './FrameStats'
import { RunProjector } from './RunProjector'
import { TraceImport } from './TraceImport'

/** Wall ms of trace work per frame (rebuilding or typing): the rest of the frame stays free. */
export const TRACE_BUDGET_MS = 2.5
/** A frame after a long pause advances virtual time by at most this much wall time. */
const MAX_FRAME_DT_MS = 100
/** The network a new lab starts with: slanted arrows of different lengths, nothing lost. */
export const DEFAULT_LAB_LINK = { latencyMs: 80, jitterMs: 40 }
export const DEFAULT_SPEED = 0.25
/** Numbers on screen (clock, counts, progress) change at most this often while time runs: readable, and cheap. */
export const NUMBERS_EVERY_MS = 100
/** While a trace types, the diagram aims to scroll this many pixels per wall second. */
const TRACE_SCROLL_PX = 90
const TRACE_BLOCKS_EXPORT = 'A trace is typed by the replay, not by recorded actions, so this run cannot be exported.'

export interface FrameDriver {
  request(): void
  destroy(): void
}

export interface LabOptions {
  seed?: number
  replicas?: number
  /** A scenario id to open with. */
  scenario?: string | null
  autoplay?: boolean
  speed?: number
  /** Sentences about the link, shown as warnings. */
  problems?: readonly string[]
  /** Wall clock in ms (performance.now by default). */
  wallNow?: () => number
  /** Runs `frame` once per animation frame after `request()` (FrameScheduler by default; tests drive frames by hand). */
  frames?: (frame: () => void) => FrameDriver
  /** Reads trace files (in the page by default; mountLab passes a Web Worker). */
  decodeTrace?: TraceDecoder
  /** Saves a file for the user (mountLab: a download). */
  download?: (fileName: string, text: string) => void
}

export interface LabApp {
  readonly store: LabStore
  /** The simulation shown now (replaced by new runs, scenarios, traces, imported runs). */
  sim(): Simulation
  /** Its timeline (checkpoints, seeks, branches). */
  timeline(): Timeline
  /** Work per frame, for the benchmark. */
  readonly frameStats: FrameStats
  /** Runs one frame now (tests). */
  frame(): void
  destroy(): void
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

const scenarioView = (s: Scenario | null): ScenarioView | null =>
  s === null ? null : { id: s.id, title: s.title, explanation: s.explanation, claim: s.claim, settleAt: s.settleAt, outcome: null }

/**
 * The lab's composition root: the simulation shown (replaced as a whole by a new run, a scenario,
 * a trace or an imported run), the Player that advances it from animation frames, the projector
 * that feeds the store, and a trace import in progress. One frame: advance time (or type a chunk
 * of the trace), then project what changed into the store once. Frames run while time flows or
 * work is owed, and stop when nothing moves. `destroy()` undoes every subscription.
 */
export const startLab = (opts: LabOptions = {}): LabApp => {
  const wallNow = opts.wallNow ?? (() => performance.now())
  const decodeTrace = opts.decodeTrace ?? decodeInPage()
  const download = opts.download ?? (() => undefined)
  const stats = new FrameStats()
  let scenario: Scenario | null = opts.scenario ? (scenarioById(opts.scenario) ?? null) : null
  let sim: Simulation = scenario !== null ? scenario.create(opts.seed) : freshSim(opts.seed ?? 1, opts.replicas ?? 4)
  let timeline = new Timeline(sim, { clock: wallNow, ...INTERACTIVE_POLICY })
  let timelineBlocked: string | null = null
  let pendingSeek: number | null = null
  let branchCount = 1
  /** The branch and moment the scenario's claim was last judged for. */
  let judgedAt = ''
  let player = new Player(timeline)
  player.speed = opts.speed ?? DEFAULT_SPEED
  player.playing = opts.autoplay ?? false
  let trace: TraceImport | null = null
  let workload = { rate: 10, mix: DEFAULT_MIX_WEIGHTS as MixWeights }
  let lastWall: number | null = null
  let numbersWall = Number.NEGATIVE_INFINITY
  let destroyed = false
  /** While a trace types, the diagram zooms out so it scrolls calmly, until the user zooms. */
  const autoZoom = { userZoomed: false, wall: 0, now: 0 }
  const frames = (opts.frames ?? ((f) => new FrameScheduler(f)))(() => frame())
  const request = () => {
    if (!destroyed) frames.request()
  }
  let projector = new RunProjector(sim, request, wallNow)
  let unsubscribe = sim.subscribe(request)

  function freshSim(seed: number, replicas: number, from?: Simulation): Simulation {
    const input: SimConfigInput = { seed, replicas, clientIds: paletteClientIds(seed, replicas), link: from?.network.defaultLink ?? DEFAULT_LAB_LINK }
    if (from !== undefined) input.antiEntropy = { on: from.antiEntropy.on, intervalMs: from.antiEntropy.intervalMs }
    return new Simulation(input)
  }

  /** Shows `next` from now on; the previous simulation is destroyed. */
  const adopt = (next: Simulation, how: { scenario: Scenario | null; playing: boolean; fromTrace?: boolean }, nextTimeline?: Timeline) => {
    const old = sim
    projector.destroy()
    unsubscribe()
    if (!how.fromTrace) {
      trace?.destroy()
      trace = null
    }
    sim = next
    scenario = how.scenario
    timeline = nextTimeline ?? new Timeline(sim, { clock: wallNow, ...INTERACTIVE_POLICY })
    timelineBlocked = how.fromTrace ? 'A trace replay cannot be scrubbed: its typing is not a list of recorded actions.' : null
    pendingSeek = null
    branchCount = timeline.branches.length
    player = new Player(timeline)
    player.speed = store.getState().speed
    player.playing = how.playing
    projector = new RunProjector(sim, request, wallNow)
    unsubscribe = sim.subscribe(request)
    const s = store.getState()
    store.setState({
      run: s.run + 1,
      seed: sim.config.seed,
      playing: how.playing,
      content: {},
      states: {},
      textLengths: {},
      equality: EMPTY_MATRIX,
      svRows: [],
      marks: [],
      selected: null,
      view: { ...s.view, follow: true },
      log: sim.log,
      series: sim.series,
      scenario: scenarioView(scenario),
      trace: trace?.view() ?? null,
      exportBlocked: how.fromTrace ? TRACE_BLOCKS_EXPORT : null,
      timeline: timelineView(),
      workload: { ...s.workload, running: false, done: 0 },
    })
    lastWall = null
    publish(true)
    if (old !== sim) old.destroy()
    request()
  }

  /** Projects the simulation into the store once; numbers shown as text only every NUMBERS_EVERY_MS while time runs (or when `force`d). */
  const publish = (force = false) => {
    const s = store.getState()
    const wall = wallNow()
    const numbers = force || !player.playing || wall - numbersWall >= NUMBERS_EVERY_MS
    if (numbers) numbersWall = wall
    const patch = projector.project(s, numbers, trace?.typing ?? false)
    // The claim is judged for the branch and the moment shown (after a seek back or a fork too), once per moment.
    if (s.scenario !== null && scenario !== null) {
      const key = `${timeline.current.id}@${sim.now}/${timeline.current.end.at}`
      if (key !== judgedAt && (numbers || !player.playing)) {
        judgedAt = key
        const outcome = sim.now >= scenario.settleAt ? scenario.check(sim) : null
        const was = s.scenario.outcome
        if (outcome?.ok !== was?.ok || outcome?.detail !== was?.detail) patch.scenario = { ...s.scenario, outcome }
      }
    }
    if (trace !== null) {
      const v = trace.view()
      if (v !== s.trace && (numbers || v.phase !== s.trace?.phase)) patch.trace = v
      // Typing is over: back to a zoom where single arrows can be read (unless the user zoomed).
      if (s.trace?.phase === 'typing' && v.phase !== 'typing' && !autoZoom.userZoomed) patch.view = { ...s.view, pxPerMs: DEFAULT_VIEW.pxPerMs }
    }
    if (s.playing !== player.playing) patch.playing = player.playing
    const tv = timelineView(numbers ? undefined : s.timeline)
    if (tv !== s.timeline) patch.timeline = tv
    if (timeline.branches.length > branchCount) {
      branchCount = timeline.branches.length
      const parent = timeline.branches.find((b) => b.id === timeline.current.parent)
      pushLabNotice(store, 'info', `Forked: “${timeline.current.name}” is a new future from here. The old one is kept as “${parent?.name ?? 'the run'}”; pick it under the timeline to go back.`)
    }
    if (Object.keys(patch).length > 0) store.setState(patch)
  }

  /** The timeline as the store shows it; `keep` is returned when nothing but the end moved less than it is shown (numbers throttle). */
  function timelineView(keep?: TimelineView): TimelineView {
    const cur = timeline.current
    const branches = timeline.branches.map((b) => ({ id: b.id, name: b.name, parent: b.parent, forkAt: b.fork?.at ?? null, end: b.end.at, current: b === cur }))
    const v: TimelineView = { end: cur.end.at, atEnd: timeline.atEnd, blocked: timelineBlocked ?? timeline.unavailable, branches, checkpoints: cur.checkpoints.length }
    if (keep !== undefined && keep.atEnd === v.atEnd && keep.branches.length === v.branches.length && keep.blocked === v.blocked && keep.branches.every((b, i) => b.current === branches[i].current)) return keep
    const same = keep !== undefined && JSON.stringify(keep) === JSON.stringify(v)
    return same ? (keep as TimelineView) : v
  }

  /** Runs the latest seek asked for since the last frame (dragging asks for many). */
  const runSeek = () => {
    if (pendingSeek === null) return
    const t = pendingSeek
    pendingSeek = null
    const out = timeline.seek(t)
    if (out.notice !== null) pushLabNotice(store, 'warning', out.notice)
  }

  const canSeek = (): boolean => {
    const why = timelineBlocked ?? timeline.unavailable
    if (why === null && !trace?.busy) return true
    pushLabNotice(store, 'warning', why ?? 'Going back in time waits until the trace is typed (or stopped).')
    return false
  }

  const createTraceSim = (t: Trace): Simulation => {
    const agents = t.kind === 'concurrent' ? t.numAgents : 1
    const replicas = Math.max(2, agents, sim.replicas.length)
    return new Simulation({
      seed: sim.config.seed,
      replicas,
      // Agent k types on replica k: their clientIDs must rise with k (see paletteClientIds).
      clientIds: paletteClientIds(sim.config.seed, replicas),
      link: sim.network.defaultLink,
      antiEntropy: { on: false },
      // Samples come from the state refresh instead (digests of big documents are costly).
      sampleEveryMs: 0,
    })
  }

  function frame(): void {
    if (destroyed) return
    const t0 = wallNow()
    const dt = lastWall === null ? 0 : Math.min(MAX_FRAME_DT_MS, t0 - lastWall)
    lastWall = t0
    let t1 = t0
    try {
      if (trace?.busy) {
        const next = trace.tick(TRACE_BUDGET_MS, player.playing, createTraceSim)
        if (next !== null) adopt(next, { scenario: null, playing: player.playing, fromTrace: true })
      }
      if (pendingSeek !== null) runSeek()
      else if (!trace?.typing) player.frame(dt)
      else zoomToTrace(t0)
      t1 = wallNow()
      publish()
    } catch (e) {
      player.playing = false
      pushLabNotice(store, 'error', `The simulation stopped: ${messageOf(e)}`)
      publish()
    }
    const t2 = wallNow()
    // The store's listeners ran synchronously (canvases draw there); React commits in a microtask
    // queued before this one, so this measures the frame's work including the commit.
    queueMicrotask(() => stats.add(t1 - t0, t2 - t1, wallNow() - t2))
    if (player.playing || trace?.busy || projector.owesStates || pendingSeek !== null) request()
    else {
      lastWall = null
      publish(true)
    }
  }

  /** Sets the zoom so the diagram scrolls about TRACE_SCROLL_PX per wall second at the replay's pace. */
  const zoomToTrace = (wall: number) => {
    const view = store.getState().view
    if (autoZoom.userZoomed || !view.follow) return
    if (autoZoom.wall === 0 || sim.now < autoZoom.now) {
      autoZoom.wall = wall
      autoZoom.now = sim.now
      return
    }
    if (wall - autoZoom.wall < 500) return
    const rate = (sim.now - autoZoom.now) / (wall - autoZoom.wall)
    autoZoom.wall = wall
    autoZoom.now = sim.now
    if (!(rate > 0)) return
    const target = Math.min(DEFAULT_VIEW.pxPerMs, Math.max(0.001, TRACE_SCROLL_PX / 1000 / rate))
    if (Math.abs(Math.log(target / view.pxPerMs)) > Math.log(1.5)) store.setState({ view: { ...view, pxPerMs: target } })
  }

  /** Runs a simulation action; a RangeError (a bad request) becomes a notice. */
  const act = (what: string, fn: () => unknown) => {
    try {
      fn()
    } catch (e) {
      pushLabNotice(store, 'warning', `${what}: ${messageOf(e)}`)
    }
    request()
  }

  const typingGuard = (what: string): boolean => {
    if (!trace?.typing) return false
    pushLabNotice(store, 'warning', `${what} waits until the trace is typed (or stopped).`)
    return true
  }

  const startWorkloadNow = () =>
    act('Workload', () => sim.startWorkload({ rate: workload.rate, mix: toWorkloadMix(workload.mix) }))

  const actions: LabActions = {
    play: () => {
      player.playing = true
      lastWall = null
      publish()
      request()
    },
    pause: () => {
      player.playing = false
      publish()
    },
    step: () => {
      player.stepOnce()
      publish()
      request()
    },
    seek: (t) => {
      if (!canSeek()) return
      player.playing = false
      pendingSeek = t
      request()
    },
    stepBack: () => {
      if (!canSeek()) return
      player.playing = false
      pendingSeek = null
      const out = timeline.stepBack()
      if (out?.notice) pushLabNotice(store, 'warning', out.notice)
      publish(true)
      request()
    },
    switchBranch: (id) => {
      if (!canSeek()) return
      player.playing = false
      pendingSeek = null
      act('Branch', () => {
        const out = timeline.switchTo(id)
        if (out.notice !== null) pushLabNotice(store, 'warning', out.notice)
      })
      publish(true)
    },
    setSpeed: (speed) => {
      if (!(speed > 0 && Number.isFinite(speed))) return
      player.speed = speed
      store.setState({ speed })
    },
    restart: (seed) => {
      if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) {
        pushLabNotice(store, 'warning', `The seed must be an integer from 0 to 4294967295, not ${seed}.`)
        return
      }
      const next = scenario !== null ? scenario.create(seed) : freshSim(seed, sim.replicas.length, sim)
      adopt(next, { scenario, playing: true })
    },
    setLinkDefaults: (p) => act('Link', () => sim.setLink(p)),
    setLink: (from, to, p) => act('Link', () => sim.setLink(p, from, to)),
    clearLink: (from, to) => act('Link', () => sim.clearLink(from, to)),
    toggleCut: (a, b) => act('Cut', () => (sim.network.blockReason(a, b) === 'cut' ? sim.restoreLink(a, b) : sim.cutLink(a, b))),
    partitionHalves: () => act('Partition', () => sim.partition(halves(sim.liveIds))),
    moveToGroup: (replica, group) =>
      act('Partition', () => {
        const groups = moveToGroup(store.getState().groups, sim.liveIds, replica, group)
        sim.partition(groups ?? [[...sim.liveIds]])
      }),
    heal: () => act('Heal', () => sim.heal()),
    setAntiEntropy: (on, intervalMs) => {
      if (on && typingGuard('Anti-entropy')) return
      act('Anti-entropy', () => sim.setAntiEntropy(on, intervalMs))
    },
    addReplica: () => {
      if (!typingGuard('Adding a replica')) act('Add replica', () => sim.addReplica())
    },
    removeReplica: (id) => {
      if (!typingGuard('Removing a replica')) act('Remove replica', () => sim.removeReplica(id))
    },
    setWorkload: (rate, mix) => {
      if (!(rate > 0 && rate <= 1000)) return
      workload = { rate, mix }
      store.setState((s) => ({ workload: { ...s.workload, rate, mix } }))
      if (sim.workload !== null) startWorkloadNow()
    },
    startWorkload: () => {
      if (!typingGuard('The workload')) startWorkloadNow()
    },
    stopWorkload: () => act('Workload', () => sim.stopWorkload()),
    loadScenario: (id) => {
      const s = scenarioById(id)
      if (s === undefined) return
      adopt(s.create(), { scenario: s, playing: true })
    },
    closeScenario: () => {
      scenario = null
      store.setState({ scenario: null })
    },
    importTrace: (file) => {
      trace?.destroy()
      trace = new TraceImport(file.name, file.arrayBuffer(), decodeTrace, request, wallNow)
      autoZoom.userZoomed = false
      autoZoom.wall = 0
      publish()
      request()
    },
    cancelTrace: () => {
      trace?.stop()
      publish()
      request()
    },
    exportRun: () => {
      const blocked = store.getState().exportBlocked
      if (blocked !== null) {
        pushLabNotice(store, 'warning', blocked)
        return
      }
      download(`aprime-lab-run-seed${sim.config.seed}-t${Math.round(sim.now)}.json`, JSON.stringify(exportTimeline(timeline)))
    },
    importRun: (file) => {
      file.text().then(
        (text) => {
          if (destroyed) return
          let tl: Timeline
          try {
            tl = replayBranchedRun(text, { clock: wallNow, ...INTERACTIVE_POLICY })
          } catch (e) {
            const why = e instanceof RunFormatError ? e.message : `it could not be replayed: ${messageOf(e)}`
            pushLabNotice(store, 'error', `Could not import the run “${file.name}”: ${why}`)
            return
          }
          const next = tl.sim
          adopt(next, { scenario: null, playing: false }, tl)
          const more = tl.branches.length > 1 ? ` It has ${tl.branches.length} branches (pick one under the timeline).` : ''
          pushLabNotice(
            store,
            'info',
            `Replayed “${file.name}”: seed ${next.config.seed}, ${next.actions.length} actions, ${next.log.length} messages, up to ${(next.now / 1000).toFixed(2)} s; every replica's digest matches the recording.${more}`,
          )
        },
        (e: unknown) => pushLabNotice(store, 'error', `Could not read “${file.name}”: ${messageOf(e)}`),
      )
    },
    addToCounter: (replica, delta) => act('Counter', () => sim.edit(replica, { type: 'counter', delta })),
    addNote: (replica) =>
      act('Note', () => {
        const doc = sim.replica(replica)?.doc
        const n = doc === undefined ? 0 : listNotes(doc).length
        sim.edit(replica, { type: 'addNote', text: '', x: 16 + ((n * 67) % 300), y: 16 + ((n * 53) % 150), color: NOTE_COLORS[n % NOTE_COLORS.length] })
      }),
    updateNote: (replica, id, fields) =>
      act('Note', () => {
        const doc = sim.replica(replica)?.doc
        const note = doc === undefined ? undefined : listNotes(doc).find((n) => n.id === id)
        if (note === undefined) return
        if (fields.x !== undefined || fields.y !== undefined) sim.edit(replica, { type: 'moveNote', id, x: fields.x ?? note.x, y: fields.y ?? note.y })
        if (fields.color !== undefined) sim.edit(replica, { type: 'recolorNote', id, color: fields.color })
        if (fields.text !== undefined) sim.edit(replica, { type: 'setNoteText', id, text: fields.text })
      }),
    deleteNote: (replica, id) => act('Note', () => sim.edit(replica, { type: 'deleteNote', id })),
    select: (messageId) => {
      if (store.getState().selected !== messageId) store.setState({ selected: messageId })
    },
    setDiagramView: (view) => {
      if (view.pxPerMs !== undefined) autoZoom.userZoomed = true
      store.setState((s) => ({ view: { ...s.view, ...view } }))
    },
    dismissNotice: (id) => store.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  }

  const initial: Omit<LabState, 'notices' | 'selected' | 'view' | 'actions'> = {
    run: 1,
    seed: sim.config.seed,
    now: sim.now,
    numbers: { now: sim.now, events: sim.eventsRun, inFlight: 0, messages: 0 },
    playing: player.playing,
    speed: player.speed,
    link: sim.network.defaultLink,
    overrides: [],
    groups: null,
    cuts: [],
    antiEntropy: { on: sim.antiEntropy.on, intervalMs: sim.antiEntropy.intervalMs },
    workload: { running: false, rate: workload.rate, mix: workload.mix, done: 0 },
    replicas: [],
    content: {},
    states: {},
    textLengths: {},
    equality: EMPTY_MATRIX,
    svRows: [],
    statesAt: 0,
    log: sim.log,
    logVersion: -1,
    series: sim.series,
    seriesVersion: -1,
    marks: [],
    timeline: { end: 0, atEnd: true, blocked: null, branches: [], checkpoints: 1 },
    scenario: scenarioView(scenario),
    trace: null,
    exportBlocked: null,
  }
  const store: LabStore = createLabStore({ ...initial, view: DEFAULT_VIEW, actions })
  for (const p of opts.problems ?? []) pushLabNotice(store, 'warning', p)
  publish()
  request()

  return {
    store,
    sim: () => sim,
    timeline: () => timeline,
    frameStats: stats,
    frame,
    destroy: () => {
      if (destroyed) return
      destroyed = true
      frames.destroy()
      projector.destroy()
      unsubscribe()
      trace?.destroy()
      sim.destroy()
    },
  }
}
