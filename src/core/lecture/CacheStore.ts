import { jsonBytes } from './cart'

interface Entry {
  readonly value: unknown
  readonly expiresAt: number
  readonly bytes: number
}

/**
 * One in-memory cache node's data: key → value with an expiry. Lost when the node dies (it comes
 * back empty, "cold"). Values are immutable and may be shared with the database.
 */
export class CacheStore {
  private entries = new Map<string, Entry>()

  get(key: string, now: number): unknown {
    const e = this.entries.get(key)
    if (e === undefined) return undefined
    if (e.expiresAt <= now) {
      this.entries.delete(key)
      return undefined
    }
    return e.value
  }

  set(key: string, value: unknown, expiresAt: number): void {
    this.entries.set(key, { value, expiresAt, bytes: key.length + jsonBytes(value) })
  }

  clear(): void {
    this.entries = new Map()
  }

  /** Live entries, for comparing two cache nodes. */
  live(now: number): Map<string, unknown> {
    const out = new Map<string, unknown>()
    for (const [k, e] of this.entries) if (e.expiresAt > now) out.set(k, e.value)
    return out
  }

  bytes(now: number): number {
    let n = 0
    for (const e of this.entries.values()) if (e.expiresAt > now) n += e.bytes
    return n
  }
}
