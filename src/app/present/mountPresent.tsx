import { StrictMode } from 'react'
import type { Root } from 'react-dom/client'
import type { PageParams } from '../../core/params'
import { LiveStoreProvider } from '../../ui/live/liveContext'
import { PresentStoreProvider } from '../../ui/present/presentContext'
import { PresentView } from '../../ui/present/PresentView'
import { answerSealedNewcomers } from '../live/answerSealedNewcomers'
import { localStorageOrNull } from '../live/startSafety'
import { startPresenter } from './startPresenter'

/**
 * Asks the server this page came from (`npm start`'s class server) for a short link a student
 * can type; a static host answers 404 or 405, and the wall shows the full link alone.
 */
const shorten = async (link: string): Promise<string | null> => {
  const target = new URL(link)
  const res = await fetch(new URL('/j', window.location.origin), { method: 'POST', body: `${target.pathname}${target.search}${target.hash}` })
  if (!res.ok) return null
  const body = (await res.json()) as { path?: unknown }
  return typeof body.path === 'string' ? `${target.origin}${body.path}` : null
}

/** Starts the presenter (a replica of the room plus the wall) outside React and shows it. */
export const mountPresent = (root: Root, params: PageParams & { room: string }, href: string) => {
  const app = startPresenter({
    room: params.room,
    signaling: params.signaling,
    relay: params.relay,
    shorten,
    teacher: params.teacher,
    href,
    code: __CODE_FINGERPRINT__,
    problems: params.problems,
    maxConns: params.maxConns ?? undefined,
    randomSecret: () => crypto.getRandomValues(new Uint8Array(32)),
    replaceUrl: (url) => window.history.replaceState(null, '', url),
    openTab: (url) => window.open(url, '_blank'),
    lanOrigin: import.meta.env.VITE_LAN_ORIGIN as string | undefined,
    storage: localStorageOrNull(),
  })
  // For end-to-end tests, benchmarks and the curious: the replica and the wall behind this page.
  Object.assign(window, { aprime: app.live, aprimePresent: app })
  const unanswer = answerSealedNewcomers({ provider: app.live.connection.provider, awareness: app.live.awareness, safety: app.live.safety.store, now: () => Date.now() })
  window.addEventListener(
    'pagehide',
    () => {
      unanswer()
      app.destroy()
    },
    { once: true },
  )
  root.render(
    <StrictMode>
      <LiveStoreProvider value={app.live.store}>
        <PresentStoreProvider value={app.store}>
          <PresentView />
        </PresentStoreProvider>
      </LiveStoreProvider>
    </StrictMode>,
  )
}
