import type { WorkloadMix } from '../../core/sim'

/** The workload mix as the page offers it: relative weights of text, notes and counter edits. */
export interface MixWeights {
  text: number
  notes: number
  counter: number
}

export const DEFAULT_MIX_WEIGHTS: MixWeights = { text: 6, notes: 3, counter: 1 }

/**
 * The engine's per-op mix for these weights: text splits into inserts and deletes, notes into
 * add, move, recolour and delete, the counter into +1 and −1. All zero falls back to the default.
 */
export const toWorkloadMix = (w: MixWeights): WorkloadMix => {
  const { text, notes, counter } = w.text + w.notes + w.counter > 0 ? w : DEFAULT_MIX_WEIGHTS
  return {
    insert: text * 0.7,
    delete: text * 0.3,
    noteAdd: notes * 0.25,
    noteMove: notes * 0.45,
    noteRecolor: notes * 0.2,
    noteDelete: notes * 0.1,
    counterInc: counter * 0.6,
    counterDec: counter * 0.4,
  }
}
