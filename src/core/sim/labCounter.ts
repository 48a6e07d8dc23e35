import type * as Y from 'yjs'

/**
 * The lab's counter-example to the schema's counter: one shared number under one map key
 * (`lab.counterLww`), written as read-modify-write. Concurrent writes are resolved by Yjs's map
 * rule (one write wins, the others vanish), so concurrent increments are lost. Lives in its own
 * root map, which plain clients of the schema ignore.
 */
export const labMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('lab')

export const counterLwwValue = (doc: Y.Doc): number => {
  const v = labMap(doc).get('counterLww')
  return typeof v === 'number' && Number.isFinite(v) ? v : 0
}

export const addToCounterLww = (doc: Y.Doc, delta: number): void => {
  labMap(doc).set('counterLww', counterLwwValue(doc) + delta)
}
