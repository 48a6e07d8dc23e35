import { createStore, type StoreApi } from 'zustand/vanilla'
import { type NetworkPolicy, openPolicy } from '../../core/policy/NetworkPolicy'
import { type RoomVerdict, roomVerdict } from './roomVerdict'
import { reachSummary, studentReach, type Tile } from './tiles'

/** What the teacher can do on the wall. Implemented by the app; components only call these. */
export interface PresentActions {
  splitInTwo(): void
  heal(): void
  /** Moves a replica to group `group` (an index; the number of groups or more makes a new one). */
  moveToGroup(clientID: number, group: number): void
  setCut(clientID: number, cut: boolean): void
  /** Delay in ms (0–3000) for every link (group null) or the links of one group. */
  setDelay(ms: number, group: number | null): void
  /** Loss rate (0–0.5) for every link (group null) or the links of one group. */
  setLoss(rate: number, group: number | null): void
  /** Stops showing a replica that left. */
  forget(clientID: number): void
  /** Uses this wall's key although replicas here follow another one (they must scan the code again). */
  takeOver(): void
}

/** What the wall says about the teacher's key. */
export interface KeyView {
  /** True when the key was restored from this device (reopening the wall for the room). */
  restored: boolean
  /** True when this device keeps the key (localStorage). */
  kept: boolean
  /** Replicas here that follow another teacher key (an earlier wall's). */
  others: number
  /** The teacher chose to use this wall's key anyway. */
  takenOver: boolean
  /** Who sent control messages that were refused, newest first (names). */
  refusedFrom: string[]
}

export interface PresentState {
  room: string
  /** The link students open (room, signaling, the teacher's verifying key; never the secret). */
  studentLink: string
  /** A short link to type that leads to `studentLink` (made by the class's server, `npm start`); null: none. */
  shortLink: string | null
  /** The QR code of the students' link (SVG), once made. */
  qrSvg: string | null
  /** Whether this page may issue network controls, and why not. */
  control: { ok: true } | { ok: false; reason: string }
  /** The policy the presenter issued last. */
  policy: NetworkPolicy
  tiles: Tile[]
  /** How the wall reaches the room's replicas, in words ('' while alone). */
  reach: string
  /** How the students reach each other, in words ('' with fewer than two): `studentReach`. */
  studentReach: string
  verdict: RoomVerdict
  key: KeyView
  actions: PresentActions
}

export type PresentStore = StoreApi<PresentState>

export const createPresentStore = (init: {
  room: string
  studentLink: string
  control: PresentState['control']
  key?: Partial<KeyView>
  actions: PresentActions
}): PresentStore =>
  createStore<PresentState>()(() => ({
    room: init.room,
    studentLink: init.studentLink,
    shortLink: null,
    qrSvg: null,
    control: init.control,
    policy: openPolicy(init.room),
    tiles: [],
    reach: '',
    studentReach: '',
    verdict: roomVerdict([]),
    key: { restored: false, kept: false, others: 0, takenOver: false, refusedFrom: [], ...init.key },
    actions: init.actions,
  }))

const sameTile = (a: Tile, b: Tile): boolean => {
  for (const k of Object.keys(a) as Array<keyof Tile>) if (a[k] !== b[k]) return false
  return true
}

/**
 * Sets the tiles and the verdict that follows from them. A tile equal to the one shown keeps its
 * object, so React skips it (memo): with 40 tiles and a few replicas typing, only those re-render.
 */
/** True while the wall's controls would not reach replicas that follow another key and the teacher has not chosen to take over. */
export const blockedByOtherKey = (k: KeyView): boolean => k.others > 0 && !k.takenOver

export const setTiles = (store: PresentStore, tiles: Tile[], links?: ReadonlyMap<number, readonly number[]>): void => {
  if (links !== undefined) {
    const students = studentReach(tiles, links)
    if (students !== store.getState().studentReach) store.setState({ studentReach: students })
  }
  const prev = new Map(store.getState().tiles.map((t) => [t.clientID, t]))
  let changed = tiles.length !== prev.size
  const next = tiles.map((t, i) => {
    const p = prev.get(t.clientID)
    if (p !== undefined && sameTile(p, t)) {
      if (store.getState().tiles[i] !== p) changed = true
      return p
    }
    changed = true
    return t
  })
  if (!changed) return
  const verdict = roomVerdict(next)
  const old = store.getState().verdict
  const sameVerdict = old.kind === verdict.kind && old.headline === verdict.headline && old.details.join('\n') === verdict.details.join('\n')
  store.setState({ tiles: next, verdict: sameVerdict ? old : verdict, reach: reachSummary(next) })
}
