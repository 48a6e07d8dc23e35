import { createContext, useContext } from 'react'
import type { LabState, LabStore } from '../../state/lab/labStore'
import { useSelectFrom } from '../widgets/storeContext'

const LabContext = createContext<LabStore | null>(null)
LabContext.displayName = 'LabStore'

export const LabStoreProvider = LabContext.Provider

/** Selects from the lab's store. */
export const useLab = <T>(selector: (s: LabState) => T): T => useSelectFrom(LabContext, selector)

/** The store itself, for canvases that subscribe and draw without re-rendering. */
export const useLabStore = (): LabStore => {
  const store = useContext(LabContext)
  if (store === null) throw new Error('LabStore is missing: wrap the view in its provider')
  return store
}
