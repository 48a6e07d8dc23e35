import * as Y from 'yjs'
import { sharedText } from '../schema'
import { GENESIS_CLIENT } from './SimConfig'

/**
 * The update every replica starts from: `text` written once by a reserved writer
 * (GENESIS_CLIENT, never a replica's clientID), or null for an empty start. Applied through each
 * replica's boundary at creation, not sent as a message.
 */
export const genesisUpdate = (text: string): Uint8Array | null => {
  if (text === '') return null
  const g = new Y.Doc({ guid: 'genesis' })
  g.clientID = GENESIS_CLIENT
  sharedText(g).insert(0, text)
  const update = Y.encodeStateAsUpdate(g)
  g.destroy()
  return update
}
