/** The lecture's models: see createLecture.ts for the API and its contracts. */
export { APPROACH_TEXT, FAULT_TEXT } from './approachInfo'
export type { Approach } from './approaches/Approach'
export { type CartItem, type Op, type AppRequest, type View, applyToCart } from './cart'
export { DEFAULT_CONFIG, type LectureConfig } from './config'
export { createLecture, type Lecture, type LectureOptions, SNAPSHOT_MESSAGES } from './createLecture'
export { type FunctionalState, handleRequest, needsCounter } from './functionalHandler'
export { runScenario, STANDARD_SCENARIO, type ScenarioOptions, type ScheduledFault } from './runScenario'
export * from './types'
