import { useMemo } from 'react'
import { replicaColor } from '../../core/colors'
import { useLive } from './liveContext'

export interface Who {
  name: string
  color: string
}

/**
 * Names and colours of every replica this tab knows (itself and its peers), by clientID, for
 * tables and lists that show writers; an unknown writer is "replica <id>" in its fallback colour.
 */
export const useNames = (): ((clientID: number) => Who) => {
  const self = useLive((s) => s.self)
  const peers = useLive((s) => s.peers)
  // Peers' views change every frame; the lookup only when someone's name or colour does.
  const key = peers.map((p) => `${p.clientID}\u0000${p.name}\u0000${p.color}`).join('\u0001')
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `peers`' names and colours
  return useMemo(() => {
    const known = new Map<number, Who>([[self.clientID, { name: self.name, color: self.color }]])
    for (const p of peers) known.set(p.clientID, { name: p.name, color: p.color })
    return (clientID: number) => known.get(clientID) ?? { name: `replica ${clientID}`, color: replicaColor(clientID) }
  }, [self.clientID, self.name, self.color, key])
}
