import { createContext } from 'react'
import type { LectureState, LectureStore } from '../../state/lecture/lectureStore'
import { useSelectFrom } from '../widgets/storeContext'

const LectureContext = createContext<LectureStore | null>(null)
LectureContext.displayName = 'LectureStore'

export const LectureStoreProvider = LectureContext.Provider

/** Selects from the lecture's store. */
export const useLecture = <T>(selector: (s: LectureState) => T): T => useSelectFrom(LectureContext, selector)
