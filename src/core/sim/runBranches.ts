import type { RecordedAction } from './actions'
import { type ActionJSON, actionFromJSON, actionToJSON, parseRun, RUN_FORMAT, RunFormatError, runJson } from './runRecord'
import { resolveConfig, type SimConfig } from './SimConfig'
import { Simulation } from './Simulation'
import type { CheckpointPolicy } from './CheckpointPolicy'
import { Timeline } from './Timeline'

export const BRANCHES_VERSION = 2

/** A branch in a run file: its own actions after the fork point (with their time and events run before them). */
export interface BranchJSON {
  id: number
  name: string
  parent: number | null
  fork: { at: number; step: number; actions: number } | null
  actions: Array<{ at: number; step: number; action: ActionJSON }>
  end: { at: number; step: number }
  digests: Record<string, string> | null
}

/** A run with every branch of its timeline (version 2 of the run file; version 1 holds one line). */
export interface BranchedRun {
  format: typeof RUN_FORMAT
  version: typeof BRANCHES_VERSION
  config: SimConfig
  current: number
  branches: BranchJSON[]
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0

/** Every branch of a timeline as one run file; the current branch's digests are taken now if it is at its end. */
export const exportTimeline = (tl: Timeline): BranchedRun => {
  const atEnd = tl.atEnd
  return structuredClone({
    format: RUN_FORMAT,
    version: BRANCHES_VERSION,
    config: tl.sim.config as SimConfig,
    current: tl.current.id,
    branches: tl.branches.map((b) => ({
      id: b.id,
      name: b.name,
      parent: b.parent,
      fork: b.fork,
      actions: b.actions.slice(b.fork?.actions ?? 0).map((r) => ({ at: r.at, step: r.step, action: actionToJSON(r.action) })),
      end: b.end,
      digests: b === tl.current && atEnd ? Object.fromEntries(tl.sim.replicas.map((r) => [String(r.id), r.digest()])) : b.endDigests,
    })),
  })
}

interface ParsedBranch extends Omit<BranchJSON, 'actions'> {
  actions: RecordedAction[]
}

/** Reads a run file of either version into branches with their full action lists; throws RunFormatError naming what is wrong. */
export const parseBranchedRun = (input: string | unknown): { config: SimConfig; current: number; branches: ParsedBranch[] } => {
  const v = runJson(input)
  if (isObj(v) && v.format === RUN_FORMAT && v.version !== BRANCHES_VERSION) {
    const one = parseRun(v)
    const actions = one.actions.map((a, i) => ({ at: a.at, step: a.step, action: actionFromJSON(a.action, `actions[${i}]`) }))
    return { config: one.config, current: 1, branches: [{ id: 1, name: 'Run', parent: null, fork: null, actions, end: one.end, digests: one.digests }] }
  }
  if (!isObj(v) || v.format !== RUN_FORMAT) throw new RunFormatError(`not a lab run (format must be "${RUN_FORMAT}")`)
  if (!isObj(v.config) || !Array.isArray(v.branches) || v.branches.length === 0) throw new RunFormatError('a run with branches needs a config and at least one branch')
  let config: SimConfig
  try {
    config = resolveConfig(v.config as Partial<SimConfig>)
  } catch (e) {
    throw new RunFormatError(`bad config: ${e instanceof Error ? e.message : String(e)}`)
  }
  const raw = new Map<number, Record<string, unknown>>()
  v.branches.forEach((b, i) => {
    if (!isObj(b) || !isCount(b.id) || raw.has(b.id)) throw new RunFormatError(`branches[${i}]: needs a distinct id`)
    raw.set(b.id, b)
  })
  const done = new Map<number, ParsedBranch>()
  const build = (id: number, path: number[]): ParsedBranch => {
    const ready = done.get(id)
    if (ready !== undefined) return ready
    const b = raw.get(id) as Record<string, unknown>
    const name = typeof b.name === 'string' ? b.name.slice(0, 80) : `Branch ${id}`
    if (path.includes(id)) throw new RunFormatError(`branch “${name}” descends from itself`)
    if (!isObj(b.end) || !isTime(b.end.at) || !isCount(b.end.step) || !Array.isArray(b.actions)) throw new RunFormatError(`branch “${name}”: needs actions and an end`)
    const own = b.actions.map((a: unknown, i: number) => {
      if (!isObj(a) || !isTime(a.at) || !isCount(a.step)) throw new RunFormatError(`branch “${name}”, actions[${i}]: needs at and step`)
      return { at: a.at, step: a.step, action: actionFromJSON(a.action, `branch “${name}”, actions[${i}]`) }
    })
    let prefix: RecordedAction[] = []
    let fork: ParsedBranch['fork'] = null
    if (b.parent !== null && b.parent !== undefined) {
      if (!isCount(b.parent) || !raw.has(b.parent)) throw new RunFormatError(`branch “${name}” forks from branch ${String(b.parent)}, which is not in the file`)
      const f = b.fork
      if (!isObj(f) || !isTime(f.at) || !isCount(f.step) || !isCount(f.actions)) throw new RunFormatError(`branch “${name}”: its fork point is missing`)
      const parent = build(b.parent, [...path, id])
      if (f.actions > parent.actions.length || f.at > parent.end.at) throw new RunFormatError(`branch “${name}” forks after the end of “${parent.name}”`)
      prefix = parent.actions.slice(0, f.actions)
      fork = { at: f.at, step: f.step, actions: f.actions }
    }
    const out: ParsedBranch = {
      id,
      name,
      parent: fork === null ? null : (b.parent as number),
      fork,
      actions: [...prefix, ...own],
      end: { at: b.end.at, step: b.end.step },
      digests: isObj(b.digests) ? (b.digests as Record<string, string>) : null,
    }
    done.set(id, out)
    return out
  }
  for (const id of raw.keys()) build(id, [])
  const roots = [...done.values()].filter((b) => b.parent === null)
  if (roots.length !== 1) throw new RunFormatError(`a run needs exactly one branch that forks from nothing, this one has ${roots.length}`)
  const current = isCount(v.current) && raw.has(v.current) ? v.current : roots[0].id
  return { config, current, branches: [...done.values()] }
}

/**
 * Rebuilds a timeline from a run file: every branch, the current one replayed to its end and
 * checked against its recorded digests (the others are replayed when shown). Throws
 * RunFormatError when the file is malformed or the replay does not follow it.
 */
export const replayBranchedRun = (input: string | unknown, policy: Partial<CheckpointPolicy> = {}): Timeline => {
  const run = parseBranchedRun(input)
  const sim = new Simulation(run.config)
  const tl = new Timeline(sim, policy)
  try {
    const ids = new Map<number, number>()
    const order = [...run.branches].sort((a, b) => (a.parent === null ? -1 : b.parent === null ? 1 : 0))
    const placed = new Set<number>()
    while (placed.size < order.length) {
      for (const b of order) {
        if (placed.has(b.id) || (b.parent !== null && !placed.has(b.parent))) continue
        if (b.parent === null) {
          const root = tl.branches[0]
          root.name = b.name
          root.actions = b.actions
          root.end = b.end
          root.endDigests = b.digests
          ids.set(b.id, root.id)
        } else {
          const parent = tl.branches.find((x) => x.id === ids.get(b.parent as number)) ?? null
          const made = tl.adopt({ name: b.name, parent: parent?.id ?? null, fork: b.fork, actions: b.actions, end: b.end, endDigests: b.digests }, parent)
          ids.set(b.id, made.id)
        }
        placed.add(b.id)
      }
    }
    let outcome: ReturnType<Timeline['switchTo']>
    try {
      outcome = tl.switchTo(ids.get(run.current) as number)
    } catch (e) {
      throw new RunFormatError(`the run could not be replayed: ${e instanceof Error ? e.message : String(e)}`)
    }
    if (outcome.notice !== null) throw new RunFormatError(`replay diverged: ${outcome.notice}`)
    if (sim.now !== tl.current.end.at || sim.eventsRun !== tl.current.end.step) throw new RunFormatError(`replay diverged: it ended at ${sim.now} ms after ${sim.eventsRun} events, the run at ${tl.current.end.at} ms after ${tl.current.end.step}`)
  } catch (e) {
    sim.destroy()
    throw e
  }
  return tl
}
