import type { Network } from './Network'
import { Delivery } from './origins'
import type { Replica } from './Replica'
import { Payload, type SimMessage } from './SimMessage'
import { answerStep1, updateOfSyncMessage } from './syncMessages'

/**
 * What a replica does with a message that reached it: an update or a sync step 2 goes through
 * the replica's boundary; a sync step 1 is answered with a step 2 on the reverse link. A message
 * the replica refuses is marked `rejected` (its document untouched, see Replica.receive).
 */
export const deliver = (m: SimMessage, r: Replica, network: Network): void => {
  const data = m.payload.data
  if (m.kind === 'sync-step1') {
    let reply: Uint8Array
    try {
      reply = answerStep1(r.doc, data)
    } catch {
      m.rejected = 'malformed'
      return
    }
    network.send(m.to, m.from, new Payload('sync-step2', reply, m.to))
    return
  }
  let update = data
  if (m.kind === 'sync-step2') {
    try {
      update = updateOfSyncMessage(data)
    } catch {
      m.rejected = 'malformed'
      return
    }
  }
  const err = r.receive(update, new Delivery(m.id, m.from))
  if (err !== null) m.rejected = err.reason
}
