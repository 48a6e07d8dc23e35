import * as prng from 'lib0/prng'
import type * as Y from 'yjs'
import { listNotes, NOTE_COLORS, sharedText } from '../schema'
import type { Edit } from './edits'
import { quantize } from './time'

export type WorkloadOp = 'insert' | 'delete' | 'noteAdd' | 'noteMove' | 'noteRecolor' | 'noteDelete' | 'counterInc' | 'counterDec'

export const WORKLOAD_OPS: readonly WorkloadOp[] = [
  'insert',
  'delete',
  'noteAdd',
  'noteMove',
  'noteRecolor',
  'noteDelete',
  'counterInc',
  'counterDec',
]

/** Relative weights; an op left out weighs 0 (when a mix is given). */
export type WorkloadMix = Partial<Record<WorkloadOp, number>>

export const DEFAULT_MIX: Readonly<Record<WorkloadOp, number>> = Object.freeze({
  insert: 40,
  delete: 15,
  noteAdd: 6,
  noteMove: 12,
  noteRecolor: 7,
  noteDelete: 4,
  counterInc: 10,
  counterDec: 6,
})

export interface WorkloadParams {
  /** Edits per virtual second, over all writers together. */
  rate: number
  mix?: WorkloadMix
  /** Replica ids that write (default: every live replica at the time of each edit). */
  writers?: number[]
  /** Stop after this many edits (default: run until stopped). */
  limit?: number
}

/** At most this many notes: past it, an added note becomes a move. */
export const MAX_NOTES = 12

export const checkWorkloadParams = (p: WorkloadParams): WorkloadParams => {
  if (!(typeof p.rate === 'number' && p.rate > 0 && p.rate <= 100_000)) throw new RangeError(`workload rate must be in (0, 100000] ops/s, got ${p.rate}`)
  if (p.mix !== undefined) {
    let total = 0
    for (const [op, w] of Object.entries(p.mix)) {
      if (!WORKLOAD_OPS.includes(op as WorkloadOp)) throw new RangeError(`unknown workload op "${op}"`)
      if (!(typeof w === 'number' && w >= 0 && Number.isFinite(w))) throw new RangeError(`workload weight for ${op} must be ≥ 0`)
      total += w
    }
    if (total <= 0) throw new RangeError('workload mix has no positive weight')
  }
  if (p.limit !== undefined && !(Number.isInteger(p.limit) && p.limit >= 0)) throw new RangeError('workload limit must be an integer ≥ 0')
  return p
}

/** Cumulative weights in WORKLOAD_OPS order. */
export const cumulativeMix = (mix: WorkloadMix | undefined): number[] => {
  const m = mix ?? DEFAULT_MIX
  let acc = 0
  return WORKLOAD_OPS.map((op) => {
    acc += m[op] ?? 0
    return acc
  })
}

const pickOp = (gen: prng.PRNG, cumulative: number[]): WorkloadOp => {
  const r = prng.real53(gen) * cumulative[cumulative.length - 1]
  for (let i = 0; i < cumulative.length; i++) if (r < cumulative[i]) return WORKLOAD_OPS[i]
  return WORKLOAD_OPS[cumulative.length - 1]
}

/**
 * The next random edit for `doc`, drawn from `gen` (a deterministic function of the generator
 * and the document). An op with no target (a delete on an empty text, a note op with no notes)
 * becomes an insert or a note add.
 */
export const nextEdit = (gen: prng.PRNG, doc: Y.Doc, cumulative: number[]): Edit => {
  const op = pickOp(gen, cumulative)
  const len = sharedText(doc).length
  switch (op) {
    case 'delete':
      if (len > 0) {
        const index = prng.uint32(gen, 0, len - 1)
        return { type: 'deleteText', index, length: Math.min(prng.uint32(gen, 1, 3), len - index) }
      }
      break
    case 'counterInc':
      return { type: 'counter', delta: 1 }
    case 'counterDec':
      return { type: 'counter', delta: -1 }
    case 'insert':
      break
    default: {
      const notes = listNotes(doc)
      if (op === 'noteAdd' || notes.length === 0) {
        if (notes.length < MAX_NOTES) {
          return {
            type: 'addNote',
            text: prng.word(gen, 1, 6),
            x: prng.uint32(gen, 0, 400),
            y: prng.uint32(gen, 0, 300),
            color: prng.oneOf(gen, [...NOTE_COLORS]),
          }
        }
      }
      const note = notes[prng.uint32(gen, 0, notes.length - 1)]
      if (op === 'noteRecolor') return { type: 'recolorNote', id: note.id, color: prng.oneOf(gen, [...NOTE_COLORS]) }
      if (op === 'noteDelete') return { type: 'deleteNote', id: note.id }
      return { type: 'moveNote', id: note.id, x: prng.uint32(gen, 0, 400), y: prng.uint32(gen, 0, 300) }
    }
  }
  return { type: 'insertText', index: prng.uint32(gen, 0, len), text: prng.word(gen, 1, 4) }
}

/** Delay to the next edit: uniform in [0.5, 1.5) / rate seconds (no transcendental functions, so exact everywhere). */
export const nextDelay = (gen: prng.PRNG, rate: number): number => quantize(((0.5 + prng.real53(gen)) * 1000) / rate)
