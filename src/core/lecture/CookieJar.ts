import type { UserId } from './cart'
import { peekSession, type SessionState } from './cookieSession'

/**
 * A client's cookies, one per user (each user is a browser behind client C or D). It keeps what
 * each response set, and a parsed copy for measuring (the parsing is not part of the model).
 */
export class CookieJar {
  private readonly cookies = new Map<UserId, string>()
  private readonly parsed = new Map<UserId, SessionState>()
  private readonly itemIds = new Map<UserId, Set<string>>()
  private totalBytes = 0

  get(user: UserId): string | null {
    return this.cookies.get(user) ?? null
  }

  set(user: UserId, cookie: string): void {
    this.totalBytes += cookie.length - (this.cookies.get(user)?.length ?? 0)
    if (cookie === '') {
      this.cookies.delete(user)
      this.parsed.delete(user)
      this.itemIds.delete(user)
    } else {
      const session = peekSession(cookie)
      this.cookies.set(user, cookie)
      this.parsed.set(user, session)
      this.itemIds.set(user, new Set(session.items.map((i) => i.id)))
    }
  }

  /** The user cleared their cookies: everything in them is gone. */
  clear(): void {
    this.cookies.clear()
    this.parsed.clear()
    this.itemIds.clear()
    this.totalBytes = 0
  }

  /** Whether the stored cookie holds this item (O(1): the ledger asks for every item it knows). */
  hasItem(user: UserId, itemId: string): boolean {
    return this.itemIds.get(user)?.has(itemId) ?? false
  }

  sessions(): IterableIterator<SessionState> {
    return this.parsed.values()
  }

  users(): UserId[] {
    return [...this.cookies.keys()].sort()
  }

  get bytes(): number {
    return this.totalBytes
  }
}
