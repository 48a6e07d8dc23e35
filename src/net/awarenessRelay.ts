import * as encoding from 'lib0/encoding'
import { type Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { peerClientId } from './peerClientId'

/** Awareness field: the client ids this replica reaches directly (BroadcastChannel or WebRTC). */
export const LINKS_FIELD = 'links'

/** Below this many replicas the room floods awareness as y-webrtc does (cheap there, and simplest). */
export const SELECTIVE_RELAY_FROM = 8

const MESSAGE_AWARENESS = 1

export interface RelayRoom {
  bcconnected: boolean
  bcConns: Set<string>
  webrtcConns: Map<string, { peer: { send: (b: Uint8Array) => void } }>
  _awarenessUpdateHandler: (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => void
}

/** The client ids `clientID` says it reaches directly; null when it publishes none. */
const linksOf = (awareness: Awareness, clientID: number): number[] | null => {
  const l = awareness.getStates().get(clientID)?.[LINKS_FIELD]
  return Array.isArray(l) && l.every((x) => typeof x === 'number') ? (l as number[]) : null
}

/** Every replica's published links (client ids it reaches directly); replicas that publish none are left out. */
export const readLinks = (awareness: Awareness): Map<number, number[]> => {
  const out = new Map<number, number[]>()
  for (const id of awareness.getStates().keys()) {
    const l = linksOf(awareness, id)
    if (l !== null) out.set(id, l)
  }
  return out
}

/** Whether `neighbour` still needs a change of `about` relayed: not itself, and not linked to it directly. */
const needs = (awareness: Awareness, neighbour: number | null, about: number): boolean =>
  neighbour === null || (neighbour !== about && !(linksOf(awareness, neighbour)?.includes(about) ?? false))

const awarenessMessage = (awareness: Awareness, ids: number[]): Uint8Array => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(e, encodeAwarenessUpdate(awareness, ids))
  return encoding.toUint8Array(e)
}

/**
 * y-webrtc relays every awareness change it hears to every connection: in a room of n replicas
 * each change travels about n² times. Past SELECTIVE_RELAY_FROM replicas, this relays a change
 * heard from others only to neighbours that do not reach its replica directly (by their published
 * `links`; a neighbour that publishes none always gets it). This replica's own changes still go to
 * everyone. Returns the undo (y-webrtc's own relay again).
 */
export const relayAwarenessSelectively = (
  room: RelayRoom,
  awareness: Awareness,
  postBroadcast: (bytes: Uint8Array) => void,
  online: () => boolean,
  fromRelay: (origin: unknown) => boolean = () => false,
): (() => void) => {
  const original = room._awarenessUpdateHandler
  const selective: RelayRoom['_awarenessUpdateHandler'] = (changes, origin) => {
    // Heard through the class's relay: every replica on the relay heard it too; only a neighbour
    // that publishes no links (a plain y-webrtc peer, which is not on the relay) still needs it.
    if (fromRelay(origin)) {
      const ids = [...changes.added, ...changes.updated, ...changes.removed]
      for (const [peerId, conn] of room.webrtcConns) {
        const n = peerClientId(awareness, peerId)
        if (n !== null && linksOf(awareness, n) !== null) continue
        try {
          conn.peer.send(awarenessMessage(awareness, ids))
        } catch {
          // a closing connection
        }
      }
      return
    }
    if (origin !== room || awareness.getStates().size < SELECTIVE_RELAY_FROM) return original(changes, origin)
    const changed = [...changes.added, ...changes.updated, ...changes.removed]
    for (const [peerId, conn] of room.webrtcConns) {
      const n = peerClientId(awareness, peerId)
      const ids = changed.filter((c) => needs(awareness, n, c))
      if (ids.length === 0) continue
      try {
        conn.peer.send(awarenessMessage(awareness, ids))
      } catch {
        // a closing connection
      }
    }
    if (room.bcconnected) {
      const mates = [...room.bcConns].map((p) => peerClientId(awareness, p))
      const ids = changed.filter((c) => mates.some((m) => needs(awareness, m, c)))
      if (ids.length > 0) postBroadcast(awarenessMessage(awareness, ids))
    }
  }
  const swap = (from: RelayRoom['_awarenessUpdateHandler'], to: RelayRoom['_awarenessUpdateHandler']) => {
    room._awarenessUpdateHandler = to
    if (online()) {
      awareness.off('update', from)
      awareness.on('update', to)
    }
  }
  swap(original, selective)
  return () => swap(selective, original)
}

/** The client ids behind the given y-webrtc peer ids, sorted (unknown ones left out). */
export const linkedClients = (awareness: Awareness, peerIds: Iterable<string>): number[] => {
  const out: number[] = []
  for (const p of peerIds) {
    const id = peerClientId(awareness, p)
    if (id !== null) out.push(id)
  }
  return out.sort((a, b) => a - b)
}
