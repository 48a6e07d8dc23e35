import { createContext } from 'react'
import type { LiveState, LiveStore } from '../../state/live/liveStore'
import { useSelectFrom } from '../widgets/storeContext'

const LiveContext = createContext<LiveStore | null>(null)
LiveContext.displayName = 'LiveStore'

export const LiveStoreProvider = LiveContext.Provider

/** Selects from the live room's store. */
export const useLive = <T>(selector: (s: LiveState) => T): T => useSelectFrom(LiveContext, selector)
