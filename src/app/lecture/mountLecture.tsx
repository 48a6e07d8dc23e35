import { StrictMode } from 'react'
import type { Root } from 'react-dom/client'
import type { PageParams } from '../../core/params'
import { LectureStoreProvider } from '../../ui/lecture/lectureContext'
import { LectureView } from '../../ui/lecture/LectureView'
import { runInPage, runInWorker } from './runExperiment'
import { startLecture } from './startLecture'

/** `?seed=N` (a non-negative integer) replays a run; anything else means seed 1, the standard experiment's. */
const seedFromLink = (search: string): number => {
  const raw = new URLSearchParams(search).get('seed')
  const n = raw === null || raw.trim() === '' ? Number.NaN : Number(raw)
  return Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : 1
}

/** `?layout=full` shows the explanations under each approach; otherwise (`compact`, the default) all six fit one screen. */
const compactFromLink = (search: string): boolean => new URLSearchParams(search).get('layout') !== 'full'

/** Starts the lecture (outside React, so a double mount cannot start it twice) and shows it. */
export const mountLecture = (root: Root, _params: PageParams) => {
  const app = startLecture({
    seed: seedFromLink(window.location.search),
    autoplay: true,
    runExperiment: typeof Worker === 'function' ? runInWorker : runInPage,
    compact: compactFromLink(window.location.search),
    onCompact: (compact) => {
      const url = new URL(window.location.href)
      url.searchParams.set('layout', compact ? 'compact' : 'full')
      window.history.replaceState(null, '', url)
    },
    onSeed: (seed) => {
      const url = new URL(window.location.href)
      url.searchParams.set('seed', String(seed))
      window.history.replaceState(null, '', url)
    },
  })
  // For end-to-end tests and the curious: the lecture behind this page.
  Object.assign(window, { aprimeLecture: app })
  window.addEventListener('pagehide', () => app.destroy(), { once: true })
  root.render(
    <StrictMode>
      <LectureStoreProvider value={app.store}>
        <LectureView />
      </LectureStoreProvider>
    </StrictMode>,
  )
}
