/**
 * Which tab of this browser keeps a room's remote updates. Every tab of a room shares one
 * IndexedDB database and one localStorage; when each of them journals and stores every update it
 * receives, eight busy tabs write everything eight times and IndexedDB falls behind (the journal
 * then grows, and so does the heap). One tab, the keeper, holds a Web Lock named after the room
 * and stores what arrives from elsewhere; every tab still journals and stores its own edits (they
 * exist nowhere else until sent). When the keeper closes, the lock passes to another tab, which
 * first stores its whole state once (`onKeeper`): nothing the old keeper had not yet written is
 * missed. Without Web Locks (older browsers), every tab is a keeper, as before.
 */
export class RoomKeeper {
  /** Whether this tab stores remote updates now. */
  keeper: boolean
  private letGo: () => void = () => {}
  private destroyed = false

  constructor(locks: LockManager | null, room: string, onKeeper: () => void) {
    this.keeper = locks === null
    if (locks === null) return
    const held = new Promise<void>((resolve) => {
      this.letGo = resolve
    })
    locks
      .request(`aprime.keeper/${room}`, () => {
        if (this.destroyed) return undefined
        this.keeper = true
        onKeeper()
        return held
      })
      .catch(() => {
        // A refused lock (a sandboxed frame): keep everything, as without locks.
        if (!this.destroyed) this.keeper = true
      })
  }

  destroy(): void {
    this.destroyed = true
    this.keeper = false
    this.letGo()
  }
}

/** This browser's Web Locks, or null where it has none. */
export const locksOrNull = (): LockManager | null => {
  try {
    return (globalThis.navigator as Navigator | undefined)?.locks ?? null
  } catch {
    return null
  }
}
