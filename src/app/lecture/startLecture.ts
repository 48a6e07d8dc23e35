import { createLecture, type Lecture } from '../../core/lecture/createLecture'
import { STANDARD_SCENARIO } from '../../core/lecture/runScenario'
import type { FaultKind, LectureSnapshot } from '../../core/lecture/types'
import { sampleAvailability } from '../../state/lecture/availabilityHistory'
import { initialFaults, settleFaults, withFault } from '../../state/lecture/faultStates'
import { createLectureStore, type LectureState, type LectureStore } from '../../state/lecture/lectureStore'
import { metricsById } from '../../state/lecture/summaryRows'
import { FrameScheduler } from '../frameScheduler'
import { LectureClock } from './LectureClock'
import { type ExperimentRunner, runInPage } from './runExperiment'

export interface LectureAppOptions {
  readonly seed: number
  readonly requestRate?: number
  readonly speed?: number
  /** Start playing at once (the page does; tests drive time with `stepBy`). */
  readonly autoplay?: boolean
  /** Wall-clock ms; performance.now by default. */
  readonly wallNow?: () => number
  /** How the standard experiment runs; in the page by default (mountLecture passes a Web Worker). */
  readonly runExperiment?: ExperimentRunner
  /** Told when the lecturer picks another seed (the page writes it into the link). */
  readonly onSeed?: (seed: number) => void
  /** Start in the compact layout (all six side by side). */
  readonly compact?: boolean
  /** Told when the lecturer switches the layout (the page writes it into the link). */
  readonly onCompact?: (compact: boolean) => void
}

export interface LectureApp {
  readonly store: LectureStore
  /** The running lecture (a new one after each reset). */
  lecture(): Lecture
  destroy(): void
}

/** Numbers on screen change at most this often (wall ms): readable from the back of a room. */
export const NUMBERS_EVERY_MS = 250

/**
 * The lecture's composition root: one Lecture (replaced on reset), the clock that drives it from
 * animation frames, the store the view reads, and the standard experiment's runner. Per frame while
 * playing: advance virtual time (clamped), take one snapshot if the version moved, sample
 * availability; metrics reach the store at most every NUMBERS_EVERY_MS. `destroy()` stops all.
 */
export const startLecture = (opts: LectureAppOptions): LectureApp => {
  const wallNow = opts.wallNow ?? (() => performance.now())
  const runExperiment = opts.runExperiment ?? runInPage
  const clock = new LectureClock({ wallNow })
  clock.speed = opts.speed ?? 1
  let seed = opts.seed >>> 0
  let rate = opts.requestRate ?? 40
  let lecture = createLecture({ seed, requestRate: rate })
  let shownVersion = -1
  let numbersWall = Number.NEGATIVE_INFINITY
  let experiment: { cancel(): void } | null = null
  let destroyed = false

  /** Moves the lecture's state into the store; `calm` numbers only when due or `force`d. */
  const publish = (force: boolean) => {
    const s = store.getState()
    const wall = wallNow()
    const patch: { -readonly [K in keyof LectureState]?: LectureState[K] } = {}
    let snap: LectureSnapshot | null = null
    if (lecture.version !== shownVersion || force) {
      snap = lecture.snapshot()
      shownVersion = snap.version
      patch.frame = snap
      const history = sampleAvailability(s.history, snap)
      if (history !== s.history) patch.history = history
      const faults = settleFaults(s.faults, snap.now)
      if (faults !== s.faults) patch.faults = faults
    }
    if (snap !== null && (force || wall - numbersWall >= NUMBERS_EVERY_MS)) {
      numbersWall = wall
      patch.numbers = metricsById(snap.approaches)
      patch.numbersAt = snap.now
    }
    const actual = s.playing ? clock.actualSpeed : null
    if (actual !== s.actualSpeed) patch.actualSpeed = actual
    if (Object.keys(patch).length > 0) store.setState(patch)
  }

  const frame = () => {
    if (destroyed) return
    const playing = store.getState().playing
    if (playing) clock.tick(lecture)
    publish(false)
    if (playing) frames.request()
  }
  const frames = new FrameScheduler(frame)

  const restart = () => {
    lecture.destroy()
    lecture = createLecture({ seed, requestRate: rate })
    shownVersion = -1
    clock.stop()
    store.setState({ seed, faults: initialFaults(), history: {}, tableSource: 'live' })
    publish(true)
  }

  const first = lecture.snapshot()
  const store: LectureStore = createLectureStore({
    approaches: lecture.approaches,
    seed,
    speed: clock.speed,
    requestRate: rate,
    snapshot: first,
    numbers: metricsById(first.approaches),
    compact: opts.compact,
    actions: {
      play: () => {
        if (store.getState().playing) return
        clock.stop()
        store.setState({ playing: true })
        frames.request()
      },
      pause: () => {
        clock.stop()
        store.setState({ playing: false })
        publish(true)
      },
      setSpeed: (speed) => {
        clock.speed = speed
        store.setState({ speed: clock.speed })
      },
      stepBy: (ms) => {
        lecture.advanceTo(lecture.now + Math.max(0, ms))
        publish(true)
      },
      setRequestRate: (perSecond) => {
        lecture.setRequestRate(perSecond)
        rate = lecture.requestRate
        store.setState({ requestRate: rate })
        publish(true)
      },
      setSeed: (next) => {
        if (!Number.isFinite(next)) return
        seed = Math.trunc(next) >>> 0
        opts.onSeed?.(seed)
        restart()
      },
      reset: restart,
      toggleFault: (fault: FaultKind) => {
        const s = store.getState()
        const now = lecture.now
        const active = s.faults[fault].phase === 'active'
        const effects = active ? lecture.recover(fault) : lecture.inject(fault)
        const next = active
          ? { phase: 'recovering' as const, since: now, effects: s.faults[fault].effects }
          : { phase: 'active' as const, since: now, effects }
        store.setState({ faults: withFault(s.faults, fault, next), tableSource: 'live' })
        publish(true)
      },
      runStandardExperiment: () => {
        if (store.getState().experiment.status === 'running') return
        const runSeed = seed
        store.setState({ experiment: { status: 'running', seed: runSeed, summary: null, error: null } })
        const run = runExperiment({ ...STANDARD_SCENARIO, seed: runSeed })
        experiment = run
        run.result.then(
          (summary) => {
            if (destroyed || experiment !== run) return
            experiment = null
            store.setState({ experiment: { status: 'done', seed: runSeed, summary, error: null }, tableSource: 'experiment' })
          },
          (err: unknown) => {
            if (destroyed || experiment !== run) return
            experiment = null
            const error = err instanceof Error ? err.message : String(err)
            store.setState({ experiment: { status: 'failed', seed: runSeed, summary: null, error } })
          },
        )
      },
      showTable: (source) => {
        const s = store.getState()
        if (source === 'experiment' && s.experiment.summary === null) return
        store.setState({ tableSource: source })
      },
      setShowWords: (show) => store.setState({ showWords: show }),
      setCompact: (compact) => {
        store.setState({ compact })
        opts.onCompact?.(compact)
      },
    },
  })
  publish(true)
  if (opts.autoplay) store.getState().actions.play()

  return {
    store,
    lecture: () => lecture,
    destroy: () => {
      if (destroyed) return
      destroyed = true
      frames.destroy()
      experiment?.cancel()
      experiment = null
      lecture.destroy()
    },
  }
}
