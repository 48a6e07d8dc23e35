import { StrictMode } from 'react'
import { flushSync } from 'react-dom'
import type { Root } from 'react-dom/client'
import * as Y from 'yjs'
import { passwordFromHash, withFragmentParam } from '../../core/fragment'
import { parseLiveMode } from '../../core/liveMode'
import type { PageParams } from '../../core/params'
import { shareLinkFor } from '../../core/shareLink'
import { keyFromHex } from '../../core/policy/teacherKeyHex'
import { loadSimplePeer } from '../../net/lazySimplePeer'
import { LiveStoreProvider } from '../../ui/live/liveContext'
import { LiveView } from '../../ui/live/LiveView'
import { SafetyStoreProvider } from '../../ui/live/safetyContext'
import type { LiveStore } from '../../state/live/liveStore'
import type { SafetyStore } from '../../state/live/safetyStore'
import { readRoomCopy } from './loadRoom'
import { holdsTeacherKey } from '../present/savedTeacherKey'
import { announceOffline } from './announceOffline'
import { answerSealedNewcomers } from './answerSealedNewcomers'
import { openingRoom } from './openingRoom'
import { startLiveRoom } from './startLiveRoom'
import { pickJournalSlots } from './journalSlots'
import { localStorageOrNull } from './startSafety'
import { UpdateJournal } from './UpdateJournal'

const view = (live: LiveStore, safety: SafetyStore) => (
  <StrictMode>
    <LiveStoreProvider value={live}>
      <SafetyStoreProvider value={safety}>
        <LiveView />
      </SafetyStoreProvider>
    </LiveStoreProvider>
  </StrictMode>
)

/** Resolves once what was rendered has been painted and shown: in a task after the next frame but one. */
const painted = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))))

/**
 * Loads this device's copy of the room, starts this tab's replica (outside React, so a double
 * mount cannot open the room twice) and shows it. When the copy carries an up-to-date preview,
 * the room is painted from it first (read-only), and the replica's document is built after that
 * frame: a large room's text is on screen without waiting for its 100–200 ms rebuild.
 */
export const mountLive = async (root: Root, params: PageParams & { room: string }, pageLink: string) => {
  // The room's link for others and new tabs: without this page's own mode (a projector's).
  const url = new URL(pageLink)
  url.searchParams.delete('mode')
  const link = url.href
  // npm start passes this computer's network address, so Share works from a page on localhost.
  const share = shareLinkFor(link, import.meta.env.VITE_LAN_ORIGIN as string | undefined)
  const mode = parseLiveMode(window.location.search)
  const password = passwordFromHash(window.location.hash)
  // This device's copy first, built straight into the replica's document (see readRoomCopy).
  const copy = await readRoomCopy(params.room, globalThis.indexedDB ?? null, () => Date.now())
  const doc = new Y.Doc({ gc: false })
  // Unsaved edits of the last visit are not in the preview: then the room waits for its document.
  const preview = copy.preview !== null && !UpdateJournal.any(localStorageOrNull(), params.room, pickJournalSlots(password !== null)) ? copy.preview : null
  let opening: ReturnType<typeof openingRoom> | null = null
  if (preview !== null) {
    opening = openingRoom({ room: params.room, link, share, mode, code: __CODE_FINGERPRINT__, clientID: doc.clientID, preview, password })
    flushSync(() => root.render(view(opening!.live, opening!.safety)))
    await painted()
  }
  const loaded = await copy.load(doc)
  const live = startLiveRoom({
    room: params.room,
    signaling: params.signaling,
    relay: params.relay,
    link,
    share,
    mode,
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
    password,
    setPassword: (pw) => {
      window.history.replaceState(null, '', withFragmentParam(window.location.href, 'password', pw))
      window.location.reload()
    },
  })
  // A students' link (teacher=…) on a device without the teacher's secret: no teacher's controls.
  live.store.setState({ student: params.teacher !== null && !holdsTeacherKey(localStorageOrNull(), params.room) })
  // For end-to-end tests and the curious: the replica behind this page.
  Object.assign(window, { aprime: live })
  const unanswer = answerSealedNewcomers({ provider: live.connection.provider, awareness: live.awareness, safety: live.safety.store, now: () => Date.now() })
  const unannounce = announceOffline(live.store, live.awareness, (held) => live.connection.holdDocument(held))
  window.addEventListener(
    'pagehide',
    () => {
      unanswer()
      unannounce()
      live.destroy()
    },
    { once: true },
  )
  if (opening === null) root.render(view(live.store, live.safety.store))
  else {
    // At once, in this task: the running room's stores replace the opening ones in the same tree.
    flushSync(() => root.render(view(live.store, live.safety.store)))
    opening.destroy()
  }
  // WebRTC's code (simple-peer) is not needed to show the room: fetched once the page is idle, only when there are signaling servers to find peers through.
  if (params.signaling.length > 0) setTimeout(() => void loadSimplePeer(), 1000)
}
