import { FAULT_KINDS, type ApproachId, type FaultEffect, type FaultKind } from '../../core/lecture/types'

/** A fault's button: off, active (injected), or recovering (recovered a moment ago: watch the system heal). */
export type FaultPhase = 'off' | 'active' | 'recovering'

export interface FaultState {
  readonly phase: FaultPhase
  /** Virtual ms of the last change (injected or recovered); 0 when never touched. */
  readonly since: number
  /** What the last injection did to each approach ('n/a' where it has nothing to hit). */
  readonly effects: Readonly<Partial<Record<ApproachId, FaultEffect>>>
}

export type FaultStates = Readonly<Record<FaultKind, FaultState>>

/** How long (virtual ms) a recovered fault shows "recovering": a restarted node is cold, replicas catch up. */
export const RECOVERING_MS = 2000

const OFF: FaultState = { phase: 'off', since: 0, effects: {} }

export const initialFaults = (): FaultStates =>
  Object.fromEntries(FAULT_KINDS.map((f) => [f, OFF])) as Record<FaultKind, FaultState>

export const withFault = (faults: FaultStates, fault: FaultKind, next: FaultState): FaultStates => ({ ...faults, [fault]: next })

/** Ends the "recovering" phase of faults recovered at least RECOVERING_MS ago; returns `faults` itself when nothing changed. */
export const settleFaults = (faults: FaultStates, now: number): FaultStates => {
  let out: Record<FaultKind, FaultState> | null = null
  for (const f of FAULT_KINDS) {
    const s = faults[f]
    if (s.phase === 'recovering' && now - s.since >= RECOVERING_MS) {
      out ??= { ...faults }
      out[f] = { ...s, phase: 'off' }
    }
  }
  return out ?? faults
}
