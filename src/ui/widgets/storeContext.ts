import { type Context, useContext } from 'react'
import { useStore } from 'zustand'
import type { StoreApi } from 'zustand/vanilla'

/**
 * Selects from the vanilla zustand store held by `context`. The component re-renders only when
 * the selected value changes (Object.is), so select small values or stable references.
 */
export const useSelectFrom = <S, T>(context: Context<StoreApi<S> | null>, selector: (s: S) => T): T => {
  const store = useContext(context)
  if (store === null) throw new Error(`${context.displayName ?? 'store'} is missing: wrap the view in its provider`)
  return useStore(store, selector)
}
