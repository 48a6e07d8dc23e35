import '../ui/styles.css'
import * as random from 'lib0/random'
import { createRoot } from 'react-dom/client'
import { newRoomName, parseParams } from '../core/params'
import { defaultRelay, defaultSignaling } from './defaultServers'
import { mountLive } from './live/mountLive'

/**
 * The composition root: reads the link, then mounts one view. Only the live room is in the first
 * bundle; the lab, the lecture and the presenter are separate chunks loaded when asked for.
 */
const main = async () => {
  const container = document.getElementById('root')!
  const root = createRoot(container)
  const params = parseParams(window.location.search, defaultSignaling(window.location), defaultRelay(window.location))
  if (params.view === 'lab') {
    const { mountLab } = await import('./lab/mountLab')
    mountLab(root, params)
    return
  }
  if (params.view === 'lecture') {
    const { mountLecture } = await import('./lecture/mountLecture')
    mountLecture(root, params)
    return
  }
  const room = params.room ?? newRoomName(random.uint32)
  const url = new URL(window.location.href)
  url.searchParams.set('room', room)
  if (url.href !== window.location.href) window.history.replaceState(null, '', url)
  if (params.view === 'present') {
    const { mountPresent } = await import('./present/mountPresent')
    mountPresent(root, { ...params, room }, url.href)
    return
  }
  await mountLive(root, { ...params, room }, url.href)
}

main().catch((e: unknown) => {
  document.getElementById('root')!.textContent = `A = A′ could not start: ${e instanceof Error ? e.message : String(e)}`
  throw e
})
