import { MAX_REPLICAS, MIN_REPLICAS, scenarioById } from '../../core/sim'

/** What a lab link may say: `?view=lab&seed=N&replicas=N&scenario=ID`. Problems are sentences for the page. */
export interface LabParams {
  seed: number | null
  replicas: number | null
  scenario: string | null
  problems: string[]
}

const intIn = (raw: string | null, lo: number, hi: number): number | null => {
  if (raw === null || raw.trim() === '') return null
  const n = Number(raw)
  return Number.isInteger(n) && n >= lo && n <= hi ? n : Number.NaN
}

export const parseLabParams = (search: string): LabParams => {
  const q = new URLSearchParams(search)
  const problems: string[] = []
  let seed = intIn(q.get('seed'), 0, 0xffffffff)
  if (Number.isNaN(seed)) {
    problems.push(`The seed "${q.get('seed')}" is not an integer from 0 to 4294967295; using seed 1.`)
    seed = null
  }
  let replicas = intIn(q.get('replicas'), MIN_REPLICAS, MAX_REPLICAS)
  if (Number.isNaN(replicas)) {
    problems.push(`"replicas" must be from ${MIN_REPLICAS} to ${MAX_REPLICAS}; using 4.`)
    replicas = null
  }
  let scenario = q.get('scenario')
  if (scenario !== null && scenarioById(scenario) === undefined) {
    problems.push(`There is no scenario "${scenario.slice(0, 60)}".`)
    scenario = null
  }
  return { seed, replicas, scenario, problems }
}
