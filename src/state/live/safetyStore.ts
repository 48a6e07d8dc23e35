import { createStore, type StoreApi } from 'zustand/vanilla'

/** What the page says about this room's copy on this device. */
export interface SavedView {
  state: 'loading' | 'saved' | 'forgotten' | 'unavailable'
  /** Why it is unavailable, in words. */
  reason: string | null
}

/** The room's password as this tab uses it. */
export interface PasswordView {
  /** True when this tab joined with a password. */
  set: boolean
  /** False on a non-secure context (plain-http LAN address): no crypto.subtle, so no password. */
  secure: boolean
  /** Messages from the room this tab could not decrypt (someone with another password, or none). */
  undecryptable: number
}

/** Something a peer did that a friend would not: flagged, with who did it. */
export interface PeerFlag {
  seq: number
  time: number
  kind: 'mass-delete' | 'far-clock' | 'claimed-id'
  /** The replica it is attributed to (null when it cannot be told). */
  clientID: number | null
  /** Who did it, in words ("replica 123 via WebRTC"). */
  who: string
  text: string
  /** The flagged transaction, for "Undo this change" (null: nothing to undo, as for a refused update). */
  undo: number | null
}

/** One kept version of the document. */
export interface VersionView {
  id: number
  time: number
  /** What it held, in words ("312 characters, 2 notes"). */
  label: string
}

export interface SafetyActions {
  forgetRoom(): void
  saveAgain(): void
  /** Rejoins the room with this password (empty: none); the link's fragment carries it. */
  setPassword(password: string): void
  /** Reverts the changes this tab received from one replica (this session). */
  undoPeer(clientID: number): void
  /** Reverts one flagged transaction, whoever sent it. */
  undoChange(id: number): void
  /** Brings the document back to a kept version (as a new change that every replica receives). */
  restoreVersion(id: number): void
}

export interface SafetyState {
  saved: SavedView
  password: PasswordView
  flags: PeerFlag[]
  /** Replicas whose changes can be undone here (client ids). */
  undoable: number[]
  /** Flagged transactions that can still be undone here (their ids). */
  undoableChanges: number[]
  versions: VersionView[]
  actions: SafetyActions
}

export type SafetyStore = StoreApi<SafetyState>

/**
 * The live room's safety slice: persistence, password, flagged peers, kept versions. Its own
 * vanilla store (a projection like the live store, never a copy of the document).
 */
export const createSafetyStore = (actions: SafetyActions, password: Omit<PasswordView, 'undecryptable'>): SafetyStore =>
  createStore<SafetyState>()(() => ({
    saved: { state: 'loading', reason: null },
    password: { ...password, undecryptable: 0 },
    flags: [],
    undoable: [],
    undoableChanges: [],
    versions: [],
    actions,
  }))

/** Keeps the newest 50 flags. */
export const pushFlag = (store: SafetyStore, flag: Omit<PeerFlag, 'seq'>): void =>
  store.setState((s) => ({ flags: [{ ...flag, seq: (s.flags[0]?.seq ?? 0) + 1 }, ...s.flags].slice(0, 50) }))
