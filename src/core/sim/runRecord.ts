import { fromBase64, toBase64 } from 'lib0/buffer'
import type { SimAction } from './actions'
import { editProblem } from './edits'
import { type SimConfig, resolveConfig } from './SimConfig'
import { Simulation } from './Simulation'

export const RUN_FORMAT = 'aprime-lab-run'
export const RUN_VERSION = 1

/** An action as JSON: `handEdit` updates are base64 strings. */
export type ActionJSON = Exclude<SimAction, { type: 'handEdit' }> | { type: 'handEdit'; replica: number; update: string; label: string }

/**
 * A recorded run as plain JSON: the config (with its seed and plan), every user action with its
 * virtual time and the number of events run before it, where the run stopped, and the replicas'
 * digests there (so an import can check that it replayed to the same states).
 */
export interface RunRecord {
  format: typeof RUN_FORMAT
  version: typeof RUN_VERSION
  config: SimConfig
  actions: Array<{ at: number; step: number; action: ActionJSON }>
  end: { at: number; step: number }
  digests: Record<string, string>
}

/** A run file that cannot be read, or a replay that did not follow the recorded run. */
export class RunFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RunFormatError'
  }
}

export const actionToJSON = (a: SimAction): ActionJSON => (a.type === 'handEdit' ? { ...a, update: toBase64(a.update) } : a)

export const exportRun = (sim: Simulation): RunRecord =>
  structuredClone({
    format: RUN_FORMAT,
    version: RUN_VERSION,
    config: sim.config as SimConfig,
    actions: sim.actions.map((r) => ({ at: r.at, step: r.step, action: actionToJSON(r.action) })),
    end: { at: sim.now, step: sim.eventsRun },
    digests: Object.fromEntries(sim.replicas.map((r) => [String(r.id), r.digest()])),
  })

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0

export const actionFromJSON = (v: unknown, where: string): SimAction => {
  if (!isObj(v) || typeof v.type !== 'string') throw new RunFormatError(`${where}: an action needs a type`)
  if (v.type === 'handEdit') {
    if (typeof v.update !== 'string' || !isCount(v.replica) || typeof v.label !== 'string') throw new RunFormatError(`${where}: bad handEdit`)
    let update: Uint8Array
    try {
      update = fromBase64(v.update)
    } catch {
      throw new RunFormatError(`${where}: handEdit update is not base64`)
    }
    return { type: 'handEdit', replica: v.replica, update, label: v.label }
  }
  if (v.type === 'edit') {
    const problem = editProblem(v.edit)
    if (problem !== null || !isCount(v.replica)) throw new RunFormatError(`${where}: ${problem ?? 'bad replica id'}`)
  }
  // Other actions are checked by the simulation when replayed (a RangeError becomes a RunFormatError).
  return v as unknown as SimAction
}

/**
 * The most actions a run may hold. A person's run in the lab holds tens to hundreds (partitions,
 * hand edits, knob changes); a file with 100,000 took one 4.5 s task to import and 0.9 GB to
 * play, and is refused before any of it is read.
 */
export const MAX_RUN_ACTIONS = 20_000

/** JSON text parsed, or data as it is; RunFormatError when the text is not JSON. */
export const runJson = (input: string | unknown): unknown => {
  if (typeof input !== 'string') return input
  try {
    return JSON.parse(input)
  } catch (e) {
    throw new RunFormatError(`not JSON: ${e instanceof Error ? e.message : String(e)}`)
  }
}

/** Reads a run from JSON text or parsed data; throws RunFormatError when it is not one. */
export const parseRun = (input: string | unknown): RunRecord => {
  const v = runJson(input)
  if (!isObj(v) || v.format !== RUN_FORMAT) throw new RunFormatError(`not a lab run (format must be "${RUN_FORMAT}")`)
  if (v.version !== RUN_VERSION) throw new RunFormatError(`unsupported run version ${String(v.version)}`)
  if (!isObj(v.config)) throw new RunFormatError('missing config')
  if (!Array.isArray(v.actions)) throw new RunFormatError('missing actions')
  if (v.actions.length > MAX_RUN_ACTIONS)
    throw new RunFormatError(`the run holds ${v.actions.length} actions; the lab replays at most ${MAX_RUN_ACTIONS}, so it was not opened`)
  if (!isObj(v.end) || !isTime(v.end.at) || !isCount(v.end.step)) throw new RunFormatError('missing end')
  let config: SimConfig
  try {
    config = resolveConfig(v.config as Partial<SimConfig>)
  } catch (e) {
    throw new RunFormatError(`bad config: ${e instanceof Error ? e.message : String(e)}`)
  }
  const actions = v.actions.map((a, i) => {
    if (!isObj(a) || !isTime(a.at) || !isCount(a.step)) throw new RunFormatError(`actions[${i}]: needs at and step`)
    return { at: a.at, step: a.step, action: actionToJSON(actionFromJSON(a.action, `actions[${i}]`)) }
  })
  return {
    format: RUN_FORMAT,
    version: RUN_VERSION,
    config,
    actions,
    end: { at: v.end.at, step: v.end.step },
    digests: isObj(v.digests) ? (v.digests as Record<string, string>) : {},
  }
}

/** Runs events until exactly `step` have run, then moves the clock to `at`; throws if the run diverged. */
const replayTo = (sim: Simulation, step: number, at: number): void => {
  while (sim.eventsRun < step) {
    if (!sim.step()) throw new RunFormatError(`replay diverged: the run had ${step} events by ${at} ms, this replay ran out at ${sim.eventsRun}`)
    if (sim.now > at) throw new RunFormatError(`replay diverged: event ${sim.eventsRun} ran at ${sim.now} ms, after ${at} ms`)
  }
  if (sim.now < at && sim.advanceTo(at) !== 0) throw new RunFormatError(`replay diverged: extra events before ${at} ms`)
  if (sim.now !== at) throw new RunFormatError(`replay diverged: at ${sim.now} ms instead of ${at} ms`)
}

/**
 * Replays a recorded run from scratch: same config, same actions at the same points. The result
 * has the same message log, byte for byte, and the same digests. Throws RunFormatError when the
 * record is malformed or the replay does not follow it (with `check`, also when digests differ).
 */
export const replayRun = (input: RunRecord | string, check = true): Simulation => {
  const run = parseRun(input)
  const sim = new Simulation(run.config)
  try {
    run.actions.forEach((r, i) => {
      replayTo(sim, r.step, r.at)
      try {
        sim.act(actionFromJSON(r.action, `actions[${i}]`))
      } catch (e) {
        if (e instanceof RunFormatError) throw e
        throw new RunFormatError(`actions[${i}] failed: ${e instanceof Error ? e.message : String(e)}`)
      }
    })
    replayTo(sim, run.end.step, run.end.at)
    if (check) {
      for (const [id, digest] of Object.entries(run.digests)) {
        if (sim.replica(Number(id))?.digest() !== digest) throw new RunFormatError(`replay diverged: replica ${id} has another digest`)
      }
    }
  } catch (e) {
    sim.destroy()
    throw e
  }
  return sim
}

