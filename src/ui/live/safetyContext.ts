import { createContext } from 'react'
import type { SafetyState, SafetyStore } from '../../state/live/safetyStore'
import { useSelectFrom } from '../widgets/storeContext'

const SafetyContext = createContext<SafetyStore | null>(null)
SafetyContext.displayName = 'SafetyStore'

export const SafetyStoreProvider = SafetyContext.Provider

/** Selects from the live room's safety store (persistence, password, flags, versions). */
export const useSafety = <T>(selector: (s: SafetyState) => T): T => useSelectFrom(SafetyContext, selector)
