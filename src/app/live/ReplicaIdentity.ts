import { type ColorClaim, chooseColorIndex, colorAt } from '../../core/colors'
import { type CleanedName, cleanName, defaultName, uniqueName } from '../../core/names'
import type { ReplicaUser } from '../../core/replicaUser'

/** localStorage key of the name this browser's person chose ('' = keep the suggested one). */
export const NAME_KEY = 'aprime.name'

export interface NameStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/** localStorage when the page may use it (private modes and sandboxes throw), else null. */
export const browserStorage = (): NameStorage | null => {
  try {
    const s = globalThis.localStorage
    s.getItem(NAME_KEY)
    return s
  } catch {
    return null
  }
}

/**
 * Who this replica says it is: a name (asked for once, kept in localStorage) and a colour chosen
 * among those present (core/colors.ts chooseColorIndex), published in awareness as
 * `user: { name, color, joined }`.
 */
export class ReplicaIdentity {
  readonly joined: number
  private index: number
  private chosen: string | null
  private answered: boolean
  /** The peers present at the last recolor, for keeping names distinct. */
  private peers: readonly ReplicaUser[] = []

  constructor(
    private readonly clientID: number,
    private readonly storage: NameStorage | null,
    now: number,
  ) {
    this.joined = now
    let stored: string | null = null
    try {
      stored = storage?.getItem(NAME_KEY) ?? null
    } catch {
      stored = null
    }
    this.answered = stored !== null
    this.chosen = cleanName(stored).name
    this.index = chooseColorIndex({ clientID, color: null, joined: now }, [])
  }

  get colorIndex(): number {
    return this.index
  }
  get color(): string {
    return colorAt(this.index)
  }
  /** The name shown and published: chosen (or the default), made distinct from those present. */
  get name(): string {
    const base = this.chosen ?? defaultName(this.index, this.clientID)
    return uniqueName(base, this.index, { clientID: this.clientID, joined: this.joined }, this.peers)
  }
  /** Whether the person has named this browser (or kept the suggestion) already. */
  get asked(): boolean {
    return this.answered
  }

  user(): { name: string; color: string; joined: number } {
    return { name: this.name, color: this.color, joined: this.joined }
  }

  /** Re-chooses the colour (and keeps the name distinct) from the replicas present; true when either changed. */
  recolor(peers: readonly ReplicaUser[]): boolean {
    const before = this.name
    this.peers = peers
    const claims: ColorClaim[] = peers.map((p) => ({ clientID: p.clientID, color: p.claimed ? p.colorIndex : null, joined: p.joined }))
    const next = chooseColorIndex({ clientID: this.clientID, color: this.index, joined: this.joined }, claims)
    const recoloured = next !== this.index
    this.index = next
    return recoloured || this.name !== before
  }

  /** Sets the name from what the person typed, cleaned, and keeps it; returns what was cleaned. */
  setName(raw: string): CleanedName {
    const cleaned = cleanName(raw)
    this.chosen = cleaned.name
    this.answered = true
    this.save(cleaned.name ?? '')
    return cleaned
  }

  private save(value: string): void {
    try {
      this.storage?.setItem(NAME_KEY, value)
    } catch {
      // Storage full or forbidden: the name holds for this tab only.
    }
  }
}
