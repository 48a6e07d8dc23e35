import { StrictMode } from 'react'
import type { Root } from 'react-dom/client'
import { passwordFromHash, withFragmentParam } from '../../core/fragment'
import { parseLiveMode } from '../../core/liveMode'
import type { PageParams } from '../../core/params'
import { shareLinkFor } from '../../core/shareLink'
import { keyFromHex } from '../../core/policy/teacherKeyHex'
import { loadSimplePeer } from '../../net/lazySimplePeer'
import { LiveStoreProvider } from '../../ui/live/liveContext'
import { LiveView } from '../../ui/live/LiveView'
import { SafetyStoreProvider } from '../../ui/live/safetyContext'
import { loadRoom } from './loadRoom'
import { startLiveRoom } from './startLiveRoom'

/** Loads this device's copy of the room, starts this tab's replica (outside React, so a double mount cannot open the room twice) and shows it. */
export const mountLive = async (root: Root, params: PageParams & { room: string }, pageLink: string) => {
  // This device's copy first, straight into the replica's document (see loadRoom).
  const loaded = await loadRoom(params.room, globalThis.indexedDB ?? null, () => Date.now())
  // The room's link for others and new tabs: without this page's own mode (a projector's).
  const url = new URL(pageLink)
  url.searchParams.delete('mode')
  const link = url.href
  const live = startLiveRoom({
    room: params.room,
    signaling: params.signaling,
    link,
    // npm start passes this computer's network address, so Share works from a page on localhost.
    share: shareLinkFor(link, import.meta.env.VITE_LAN_ORIGIN as string | undefined),
    mode: parseLiveMode(window.location.search),
    onMode: (mode) => {
      const here = new URL(window.location.href)
      if (mode === 'projector') here.searchParams.set('mode', 'projector')
      else here.searchParams.delete('mode')
      window.history.replaceState(null, '', here)
    },
    code: __CODE_FINGERPRINT__,
    problems: params.problems,
    openTab: (url) => window.open(url, '_blank'),
    teacherKey: keyFromHex(params.teacher),
    maxConns: params.maxConns ?? undefined,
    loaded,
    password: passwordFromHash(window.location.hash),
    setPassword: (pw) => {
      window.history.replaceState(null, '', withFragmentParam(window.location.href, 'password', pw))
      window.location.reload()
    },
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
  // WebRTC's code (simple-peer) is not needed to show the room: fetched once the page is idle, only when there are signaling servers to find peers through.
  if (params.signaling.length > 0) setTimeout(() => void loadSimplePeer(), 1000)
}
