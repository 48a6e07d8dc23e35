import * as Y from 'yjs'

/** The transaction origin `toLocal` applies the peer's updates with (a remote origin, as the transport's). */
export const REMOTE = Symbol('remote')

/** Two replicas synced by hand: `local` (gc off, as in the live room) and a plain `peer` that publishes nothing about itself. */
export const replicaPair = () => {
  const local = new Y.Doc({ gc: false })
  local.clientID = 1
  const peer = new Y.Doc()
  peer.clientID = 2
  const toLocal = () => Y.applyUpdate(local, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(local)), REMOTE)
  const toPeer = () => Y.applyUpdate(peer, Y.encodeStateAsUpdate(local, Y.encodeStateVector(peer)))
  return { local, peer, toLocal, toPeer }
}
