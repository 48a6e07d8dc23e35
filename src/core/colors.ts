/**
 * Replica colours: calm, distinct, readable on a projector, with text colour chosen for contrast.
 * A replica's colour depends only on its clientID, so it is the same in every tab and every view.
 */
export const REPLICA_COLORS = [
  '#2563eb', // blue
  '#d97706', // amber
  '#059669', // green
  '#db2777', // pink
  '#7c3aed', // violet
  '#0891b2', // cyan
  '#dc2626', // red
  '#65a30d', // lime
  '#9333ea', // purple
  '#ea580c', // orange
  '#0d9488', // teal
  '#4f46e5', // indigo
] as const

/** Index into REPLICA_COLORS for a clientID (a multiplicative hash spreads consecutive ids). */
export const colorIndexOf = (clientID: number): number => (Math.imul(clientID >>> 0, 2654435761) >>> 0) % REPLICA_COLORS.length

export const replicaColor = (clientID: number): string => REPLICA_COLORS[colorIndexOf(clientID)]
