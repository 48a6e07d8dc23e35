import type * as Y from 'yjs'
import { type ParkedDrop, PendingParking } from '../../core/PendingParking'

const describeDrop = (d: ParkedDrop, nameOf: (client: number) => string): string => {
  const writers = Object.entries(d.waitingOn)
    .map(([client, clock]) => `${nameOf(Number(client))} from clock ${clock}`)
    .join(', ')
  const why = d.why === 'time' ? 'it waited more than 15 s' : 'it grew past 512 KiB'
  return `Dropped ${d.bytes} bytes of updates this replica could not integrate (waiting for earlier updates${writers === '' ? '' : ` of ${writers}`}): ${why}. They never reached the document, and this replica sends them to nobody; anything a peer still holds comes back by anti-entropy.`
}

/**
 * Runs a `PendingParking` for the live document: after every transaction its pending structs move
 * out of the document (so no sync step 2 it sends carries them), are retried when what they wait
 * for arrives, and are dropped after a bounded time or size, with `dropped` called once per drop.
 * Returns its undo.
 */
export const parkPending = (doc: Y.Doc, dropped: (text: string) => void, nameOf: (client: number) => string): (() => void) => {
  const parking = new PendingParking(doc)
  const report = (d: ParkedDrop | null) => {
    if (d !== null) dropped(describeDrop(d, nameOf))
  }
  let retryQueued = false
  const onAfter = (tr: Y.Transaction) => {
    const due = parking.retryDue(tr)
    report(parking.take(tr.origin, Date.now()))
    if (due && !retryQueued) {
      retryQueued = true
      // After this transaction's cleanup: the retry is a transaction of its own.
      queueMicrotask(() => {
        retryQueued = false
        report(parking.retry(Date.now()))
      })
    }
  }
  doc.on('afterTransaction', onAfter)
  const timer = setInterval(() => report(parking.expire(Date.now())), 1000)
  return () => {
    clearInterval(timer)
    doc.off('afterTransaction', onAfter)
    parking.destroy()
  }
}
