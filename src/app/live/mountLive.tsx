import { StrictMode } from 'react'
import type { Root } from 'react-dom/client'
import type { PageParams } from '../../core/params'
import { keyFromHex } from '../../core/policy/teacherKeys'
import { LiveStoreProvider } from '../../ui/live/liveContext'
import { LiveView } from '../../ui/live/LiveView'
import { SafetyStoreProvider } from '../../ui/live/safetyContext'
import { startLiveRoom } from './startLiveRoom'

/** Starts this tab's replica (outside React, so a double mount cannot open the room twice) and shows it. */
export const mountLive = (root: Root, params: PageParams & { room: string }, link: string) => {
  const live = startLiveRoom({
    room: params.room,
    signaling: params.signaling,
    link,
    code: __CODE_FINGERPRINT__,
    problems: params.problems,
    openTab: (url) => window.open(url, '_blank'),
    teacherKey: keyFromHex(params.teacher),
    maxConns: params.maxConns ?? undefined,
  })
  // For end-to-end tests and the curious: the replica behind this page.
  Object.assign(window, { aprime: live })
  window.addEventListener('pagehide', () => live.destroy(), { once: true })
  root.render(
    <StrictMode>
      <LiveStoreProvider value={live.store}>
        <SafetyStoreProvider value={live.safety.store}>
          <LiveView />
        </SafetyStoreProvider>
      </LiveStoreProvider>
    </StrictMode>,
  )
}
