import type { Simulation } from '../Simulation'

/** Whether a scenario's claim held, with the numbers that show it (a sentence for the page). */
export interface ScenarioOutcome {
  ok: boolean
  detail: string
}

/**
 * A ready-made experiment for the lab page: a simulation set up with replicas, network and a
 * scripted plan of actions, the claim it demonstrates, and a check of that claim. A view calls
 * `create()`, lets time run (the plan is in the simulation's config, so exporting the run keeps
 * it), and may call `check` once virtual time reaches `settleAt`.
 */
export interface Scenario {
  id: string
  title: string
  /** A few sentences for the page: what happens and why. */
  explanation: string[]
  /** The outcome claimed, in one sentence. */
  claim: string
  /** Virtual time by which the claim holds. */
  settleAt: number
  create(seed?: number): Simulation
  check(sim: Simulation): ScenarioOutcome
}
