import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/**
 * A y-webrtc sync message carrying a real update cut short: its inserts decode, its delete set
 * does not. Plain Yjs would integrate the inserts and then throw, half-applied; a guarded replica
 * must refuse it whole.
 */
export const malformedUpdateMessage = (): Uint8Array => {
  const scratch = new Y.Doc()
  scratch.getText('text').insert(0, 'this text should never appear')
  const update = Y.encodeStateAsUpdate(scratch)
  scratch.destroy()
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0) // y-webrtc: sync message
  encoding.writeVarUint(encoder, 2) // y-protocols: update
  encoding.writeVarUint8Array(encoder, update.slice(0, update.length - 1))
  return encoding.toUint8Array(encoder)
}
