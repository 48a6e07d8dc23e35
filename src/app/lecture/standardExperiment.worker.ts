/**
 * Runs one scenario off the main thread: the standard experiment takes a few seconds of CPU, which
 * would freeze the page (and its animation) if run in it. Message in: ScenarioOptions; out:
 * { summary } or { error }.
 */
import { runScenario, type ScenarioOptions } from '../../core/lecture/runScenario'

interface WorkerScope {
  onmessage: ((e: MessageEvent<ScenarioOptions>) => void) | null
  postMessage(message: unknown): void
}

const scope = globalThis as unknown as WorkerScope
scope.onmessage = (e) => {
  try {
    scope.postMessage({ summary: runScenario(e.data) })
  } catch (err) {
    scope.postMessage({ error: err instanceof Error ? err.message : String(err) })
  }
}
