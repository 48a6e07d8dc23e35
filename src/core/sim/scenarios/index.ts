import { concurrentInserts } from './concurrentInserts'
import { counter } from './counter'
import { deleteVsEdit } from './deleteVsEdit'
import { duplicatesReordering } from './duplicatesReordering'
import { mapConflict } from './mapConflict'
import { lossWithAntiEntropy, lossWithoutAntiEntropy } from './messageLoss'
import { partitionHeal } from './partitionHeal'
import type { Scenario } from './Scenario'

export type { Scenario, ScenarioOutcome } from './Scenario'

/** The lab's scenarios, in the order the page lists them. */
export const SCENARIOS: readonly Scenario[] = [
  concurrentInserts,
  mapConflict,
  deleteVsEdit,
  partitionHeal,
  counter,
  lossWithoutAntiEntropy,
  lossWithAntiEntropy,
  duplicatesReordering,
]

export const scenarioById = (id: string): Scenario | undefined => SCENARIOS.find((s) => s.id === id)
