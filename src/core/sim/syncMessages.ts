import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as sync from 'y-protocols/sync'
import type * as Y from 'yjs'

/**
 * The y-protocols sync messages the lab exchanges, byte for byte what y-webrtc and y-websocket
 * send. Step 1 carries a state vector; the peer answers with step 2: every op it has beyond that
 * vector plus its whole delete set (deletions do not advance a state vector, so equal vectors do
 * not mean equal documents: step 2 always carries the delete set).
 */
export const syncStep1 = (doc: Y.Doc): Uint8Array => encoding.encode((e) => sync.writeSyncStep1(e, doc))

/**
 * Answers a step-1 message with the step-2 reply, through y-protocols' `readSyncMessage` (which,
 * for step 1, only reads the vector and writes the diff: it does not touch `doc`). Throws when
 * the message is not a well-formed step 1.
 */
export const answerStep1 = (doc: Y.Doc, step1: Uint8Array): Uint8Array => {
  const decoder = decoding.createDecoder(step1)
  if (decoding.peekVarUint(decoder) !== sync.messageYjsSyncStep1) throw new Error('not a sync step 1 message')
  const encoder = encoding.createEncoder()
  sync.readSyncMessage(decoder, encoder, doc, null)
  return encoding.toUint8Array(encoder)
}

/**
 * The update inside a step-2 (or update) sync message, without applying it: the replica's
 * boundary applies it. (y-protocols' readSyncStep2 would apply it directly, skipping validation.)
 */
export const updateOfSyncMessage = (message: Uint8Array): Uint8Array => {
  const decoder = decoding.createDecoder(message)
  const type = decoding.readVarUint(decoder)
  if (type !== sync.messageYjsSyncStep2 && type !== sync.messageYjsUpdate) throw new Error(`not a sync step 2 message (type ${type})`)
  return decoding.readVarUint8Array(decoder)
}
