import { createContext } from 'react'
import type { PresentState, PresentStore } from '../../state/present/presentStore'
import { useSelectFrom } from '../widgets/storeContext'

const PresentContext = createContext<PresentStore | null>(null)
PresentContext.displayName = 'PresentStore'

export const PresentStoreProvider = PresentContext.Provider

/** Selects from the presenter's store. */
export const usePresent = <T>(selector: (s: PresentState) => T): T => useSelectFrom(PresentContext, selector)
