// What keeping history costs on the 260k-edit trace's document (automerge-paper): the live room
// runs Yjs with gc off so kept versions and "Undo what this replica did" can bring deleted content
// back. Side by side in one process: gc on vs off (saved bytes, heap), then the cost of taking a
// version (Y.snapshot) and of restoring one.
import { runInNewContext } from 'node:vm'
import { setFlagsFromString } from 'node:v8'
import { test } from 'vitest'
import * as Y from 'yjs'
import { restoreSnapshot } from '../src/core/history/restoreSnapshot'
import { loadTrace } from '../test/sim/helpers'
import { median, record } from './record'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
const heapMb = () => {
  gc()
  gc()
  return process.memoryUsage().heapUsed / 2 ** 20
}

const typed = (gcOn: boolean): Y.Doc => {
  const trace = loadTrace('automerge-paper.json.gz')
  const doc = new Y.Doc({ gc: gcOn })
  doc.clientID = 1
  const text = doc.getText('text')
  for (const txn of trace.txns) {
    for (const [pos, del, ins] of txn.patches) {
      if (del > 0) text.delete(pos, del)
      if (ins !== '') text.insert(pos, ins)
    }
  }
  return doc
}

/** Heap (MB) held by a document loaded from `state` (kept reachable until measured). */
const kept: Y.Doc[] = []
const heldBy = (state: Uint8Array, gcOn: boolean): number => {
  const m0 = heapMb()
  const doc = new Y.Doc({ gc: gcOn })
  Y.applyUpdate(doc, state)
  kept.push(doc)
  const m1 = heapMb()
  kept.pop()?.destroy()
  return m1 - m0
}

test('history cost: gc off, versions, restore', () => {
  const on = Y.encodeStateAsUpdate(typed(true))
  const offDoc = typed(false)
  const off = Y.encodeStateAsUpdate(offDoc)
  const heapOn = median([0, 1, 2].map(() => heldBy(on, true)))
  const heapOff = median([0, 1, 2].map(() => heldBy(off, false)))
  const snaps: number[] = []
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now()
    Y.snapshot(offDoc)
    snaps.push(performance.now() - t0)
  }
  const version = Y.snapshot(offDoc)
  const bytes = Y.encodeSnapshot(version).byteLength
  offDoc.getText('text').delete(0, offDoc.getText('text').length)
  const t0 = performance.now()
  restoreSnapshot(offDoc, version, 'bench')
  const restoreMs = performance.now() - t0
  if (offDoc.getText('text').length === 0) throw new Error('restore did not bring the text back')
  console.log(`saved ${on.byteLength} B gc on vs ${off.byteLength} B gc off; heap ${heapOn.toFixed(1)} vs ${heapOff.toFixed(1)} MB; snapshot ${median(snaps).toFixed(2)} ms, ${bytes} B; restore ${restoreMs.toFixed(0)} ms`)
  record(import.meta.filename, [
    { name: 'history.paper.saved_kb_gc_on', value: on.byteLength / 1024, unit: 'KiB', goal: null },
    { name: 'history.paper.saved_kb_gc_off', value: off.byteLength / 1024, unit: 'KiB', goal: null },
    { name: 'history.paper.heap_mb_gc_on', value: heapOn, unit: 'MB', goal: null },
    { name: 'history.paper.heap_mb_gc_off', value: heapOff, unit: 'MB', goal: null },
    { name: 'history.paper.version_ms', value: median(snaps), unit: 'ms', goal: null },
    { name: 'history.paper.version_bytes', value: bytes, unit: 'B', goal: null },
    { name: 'history.paper.restore_after_delete_all_ms', value: restoreMs, unit: 'ms', goal: null },
  ])
})
