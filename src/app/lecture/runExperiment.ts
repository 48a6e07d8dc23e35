import type { ScenarioOptions } from '../../core/lecture/runScenario'
import { runScenario } from '../../core/lecture/runScenario'
import type { LectureSummary } from '../../core/lecture/types'

/** Runs a scenario and resolves with its summary; `cancel()` abandons it (the promise then never settles). */
export type ExperimentRunner = (opts: ScenarioOptions) => { result: Promise<LectureSummary>; cancel(): void }

/** In a Web Worker, so the page keeps animating; one worker per run, terminated when done or cancelled. */
export const runInWorker: ExperimentRunner = (opts) => {
  const worker = new Worker(new URL('./standardExperiment.worker.ts', import.meta.url), { type: 'module' })
  const result = new Promise<LectureSummary>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ summary?: LectureSummary; error?: string }>) => {
      worker.terminate()
      if (e.data.summary !== undefined) resolve(e.data.summary)
      else reject(new Error(e.data.error ?? 'the experiment failed'))
    }
    worker.onerror = (e) => {
      worker.terminate()
      reject(new Error(e.message || 'the experiment could not start'))
    }
  })
  worker.postMessage(opts)
  return { result, cancel: () => worker.terminate() }
}

/** On this thread, after the current task (tests, and browsers without module workers). */
export const runInPage: ExperimentRunner = (opts) => {
  let cancelled = false
  const result = new Promise<LectureSummary>((resolve, reject) => {
    setTimeout(() => {
      if (cancelled) return
      try {
        resolve(runScenario(opts))
      } catch (err) {
        reject(err)
      }
    }, 0)
  })
  return {
    result,
    cancel: () => {
      cancelled = true
    },
  }
}
