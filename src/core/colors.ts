/**
 * Replica colours: calm, distinct, readable on a projector. No red: on this page red means A ≠ A′.
 * A replica's colour depends only on its clientID, so it is the same in every tab and every view.
 */
export const REPLICA_COLORS = [
  '#2563eb', // blue
  '#ea580c', // orange
  '#16a34a', // green
  '#9333ea', // purple
  '#0891b2', // cyan
  '#db2777', // magenta
  '#a16207', // ochre
  '#4338ca', // indigo
  '#0d9488', // teal
  '#65a30d', // lime
  '#7c2d12', // brown
  '#475569', // slate
] as const

/** Index into REPLICA_COLORS for a clientID (a multiplicative hash spreads consecutive ids). */
export const colorIndexOf = (clientID: number): number => (Math.imul(clientID >>> 0, 2654435761) >>> 0) % REPLICA_COLORS.length

export const replicaColor = (clientID: number): string => REPLICA_COLORS[colorIndexOf(clientID)]
