import { StrictMode } from 'react'
import type { Root } from 'react-dom/client'
import type { PageParams } from '../../core/params'
import { LabStoreProvider } from '../../ui/lab/labContext'
import { LabView } from '../../ui/lab/LabView'
import { decodeInPage } from './decodeTrace'
import { decodeInWorker } from './decodeInWorker'
import { parseLabParams } from './labParams'
import { startLab } from './startLab'

/** Saves `text` as a file through a temporary download link. */
const downloadText = (fileName: string, text: string) => {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Starts the lab (outside React, so a double mount cannot start it twice) and shows it. */
export const mountLab = (root: Root, params: PageParams) => {
  const lab = parseLabParams(window.location.search)
  const app = startLab({
    seed: lab.seed ?? undefined,
    replicas: lab.replicas ?? undefined,
    scenario: lab.scenario,
    autoplay: true,
    problems: [...params.problems, ...lab.problems],
    decodeTrace: typeof Worker === 'function' ? decodeInWorker : decodeInPage(),
    download: downloadText,
  })
  // For end-to-end tests, the benchmark and the curious: the lab behind this page.
  Object.assign(window, { aprimeLab: app })
  window.addEventListener('pagehide', () => app.destroy(), { once: true })
  root.render(
    <StrictMode>
      <LabStoreProvider value={app.store}>
        <LabView />
      </LabStoreProvider>
    </StrictMode>,
  )
}
