import * as random from 'lib0/random'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { stateDigest } from '../../core/digest'
import { OpLog } from '../../core/oplog'
import { pendingOf } from '../../core/pending'
import { RepairNeed } from '../../core/RepairNeed'
import type { ReplicaInfo } from '../../core/replicaInfo'
import {
  NOTE_COLORS,
  addNote,
  addToCounter,
  counterEntries,
  counterMap,
  counterValue,
  deleteNote,
  listNotes,
  notesMap,
  ownCount,
  sharedText,
  updateNote,
} from '../../core/schema'
import { stateVectorOf } from '../../core/stateVector'
import { describeChange } from '../../core/changeWords'
import type { LiveMode } from '../../core/liveMode'
import { nameChangeMessage } from '../../core/names'
import { nameToken } from '../../core/nameTokens'
import type { ShareLink } from '../../core/shareLink'
import { stateTree, writerStats } from '../../core/tree'
import type { PolicyAcceptor } from '../../core/policy/PolicyAcceptor'
import { publishReplica, readPeers } from '../../net/replicaAwareness'
import { PeerBook } from '../../state/live/PeerBook'
import { createLiveStore, type InspectorTab, type LiveStore, pushNotice, syncLog } from '../../state/live/liveStore'
import { FrameScheduler } from '../frameScheduler'
import type { LiveAntiEntropy } from '../../net/liveAntiEntropy'
import type { LiveConnection } from '../../net/LiveConnection'
import type { PolicyGate } from '../../net/PolicyGate'
import { connectionNotices } from './connectionNotices'
import { followPolicy } from './followPolicy'
import { LiveReplica } from './LiveReplica'
import type { LoadedRoom } from './loadRoom'
import { malformedUpdateMessage } from './malformedUpdateMessage'
import { browserStorage, type NameStorage, ReplicaIdentity } from './ReplicaIdentity'
import { type Safety, startSafety } from './startSafety'

/** Least time between two awareness publications of this replica's state. */
export const PUBLISH_INTERVAL_MS = 100

/**
 * y-webrtc floods every awareness change to every connection of every replica, so a room's
 * awareness traffic grows with the square of its size for each publisher: past 3 replicas the
 * interval grows with the room (16 replicas: 600 ms; 30: 1 s). Document updates are not slowed.
 */
export const publishIntervalFor = (replicas: number): number => PUBLISH_INTERVAL_MS * Math.max(1, Math.ceil(replicas / 3))

export interface LiveRoomOptions {
  room: string
  signaling: readonly string[]
  /** The relay (`?relay=`): replicas that cannot reach each other directly exchange messages through it. */
  relay?: string | null
  /** The link to this room. */
  link: string
  /** Code fingerprint of this build. */
  code: string
  /** Problems found in the link, shown as warnings. */
  problems: readonly string[]
  openTab: (url: string) => void
  /** What Share gives other devices (default: `link` itself). */
  share?: ShareLink
  mode?: LiveMode
  /** Called when the mode changes (the app writes it into the URL). */
  onMode?: (mode: LiveMode) => void
  /** Where the name is kept (default: localStorage when allowed). */
  storage?: NameStorage | null
  /** The teacher's verifying key from the link (`teacher=`); null: this replica follows no network controls. */
  teacherKey?: Uint8Array | null
  /** y-webrtc's cap on WebRTC connections (`maxconns=`); undefined: y-webrtc's default. */
  maxConns?: number
  /** The room password (from the link's fragment `#password=…`); null: none. */
  password?: string | null
  /** Rejoins with another password (the app rewrites the fragment and reloads). */
  setPassword?: (password: string) => void
  /** The room as `readRoomCopy` read it from this device (default: an empty document, read by persistence). */
  loaded?: LoadedRoom
}

export interface LiveRoom {
  store: LiveStore
  doc: Y.Doc
  connection: LiveConnection
  awareness: Awareness
  /** The teacher's policy as this replica follows it, and its boundary gate. */
  policy: PolicyAcceptor
  gate: PolicyGate
  antiEntropy: LiveAntiEntropy
  /** Persistence, password, flagged peers, kept versions. */
  safety: Safety
  destroy(): void
}

/**
 * The composition root of a live room: one replica (Y.Doc + awareness) in this tab, its transport,
 * its op log and the store the view reads. Shared content (notes, counter) reaches the store at
 * once; diagnostics (digest, state vector, pending, tree, peers) are recomputed at most once per
 * frame, only when something changed. Owns every subscription it makes; `destroy()` undoes all.
 */
export const startLiveRoom = (opts: LiveRoomOptions): LiveRoom => {
  const late = { undecryptable: (_sender: number | null) => {}, screen: (_decoded: ReturnType<typeof Y.decodeUpdate>): string | null => null }
  const replica = new LiveReplica({
    room: opts.room,
    signaling: opts.signaling,
    relay: opts.relay ?? null,
    maxConns: opts.maxConns,
    password: opts.password ?? null,
    doc: opts.loaded?.doc,
    // Anti-entropy when the flow left this replica behind a state published here (RepairNeed); at
    // once after a new policy (a Heal).
    needsRepair: () =>
      repair.due(
        self,
        store.getState().peers.flatMap((p) => (p.presence === 'here' && p.info !== null ? [{ clientID: p.clientID, state: p.info }] : [])),
      ),
    onUndecryptable: (sender) => late.undecryptable(sender),
    screenUpdate: (decoded) => late.screen(decoded),
    onWake: () => publish(),
  })
  const repair = new RepairNeed()
  const { doc, awareness, gate, connection, antiEntropy } = replica
  const identity = new ReplicaIdentity(doc.clientID, opts.storage === undefined ? browserStorage() : opts.storage, Date.now())
  const log = new OpLog(500)
  const book = new PeerBook()
  const undo: Array<() => void> = []
  const dirty = { state: true, peers: true, log: false }
  // Walks of the whole document (tree, per-writer counts) only for the inspector tab that shows them.
  let inspecting: InspectorTab = 'log'
  let published: string | null = null
  let self: ReplicaInfo = { clientID: doc.clientID, code: opts.code, digest: '', sv: {}, pending: false, waitingOn: {} }
  const password = { value: opts.password ?? null, secure: replica.secure }

  let lastPublish = 0
  let publishTimer: ReturnType<typeof setTimeout> | null = null
  const publish = () => {
    publishReplica(awareness, identity.user(), { ...self, peerId: connection.getSnapshot().peerId })
    published = publishedKey()
    lastPublish = Date.now()
  }
  /** Publishes a changed state at most every PUBLISH_INTERVAL_MS: while someone types, peers hear of it ~10 times a second, not 60. */
  const publishedKey = () => `${self.digest}|${self.pending}|${connection.getSnapshot().peerId}|${identity.name}|${identity.color}`
  const maybePublish = (now: number) => {
    const snap = connection.getSnapshot()
    if (!snap.online || published === publishedKey()) return
    const interval = publishIntervalFor(awareness.getStates().size)
    if (now - lastPublish >= interval) publish()
    else if (publishTimer === null) {
      publishTimer = setTimeout(() => {
        publishTimer = null
        frames.request()
      }, interval - (now - lastPublish))
    }
  }

  const store: LiveStore = createLiveStore({
    room: opts.room,
    link: opts.link,
    clientID: doc.clientID,
    color: identity.color,
    name: identity.name,
    nameAsked: identity.asked,
    share: opts.share,
    mode: opts.mode,
    code: opts.code,
    sharedText: sharedText(doc),
    actions: {
      addNote: () => {
        const n = notesMap(doc).size
        addNote(doc, {
          text: '',
          x: 16 + ((n * 37) % 260) + random.uint32() % 24,
          y: 16 + ((n * 53) % 140) + random.uint32() % 24,
          color: NOTE_COLORS[n % NOTE_COLORS.length],
        })
      },
      updateNote: (id, fields) => {
        updateNote(doc, id, fields)
      },
      deleteNote: (id) => {
        deleteNote(doc, id)
      },
      addToCounter: (delta) => addToCounter(doc, delta),
      setOnline: (online) => {
        if (online) publish()
        connection.setOnline(online)
        store.setState({ online })
        dirty.peers = true
        frames.request()
      },
      openAnotherReplica: () => opts.openTab(opts.link),
      forgetPeer: (clientID) => {
        book.forget(clientID)
        dirty.peers = true
        frames.request()
      },
      dismissNotice: (id) => store.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
      qrCodeSvg: async (text) => (await import('qrcode')).toString(text, { type: 'svg', margin: 1 }),
      setName: (raw) => {
        const message = nameChangeMessage(identity.setName(raw))
        if (message !== null) pushNotice(store, 'warning', message, Date.now())
        store.setState((s) => ({ nameAsked: true, self: { ...s.self, name: identity.name } }))
        frames.request()
      },
      setMode: (mode) => {
        store.setState({ mode })
        opts.onMode?.(mode)
      },
      inspect: (tab) => {
        inspecting = tab
        dirty.state = true
        frames.request()
      },
      sendMalformedUpdate: () => {
        connection.postRaw(malformedUpdateMessage())
        pushNotice(store, 'info', 'Sent a broken update to the other tabs of this browser. They should refuse it.', Date.now())
      },
    },
  })

  // The first frame only paints the room (the text, restored from this device, may be large):
  // the digest and the peers' view start one frame later, so they never delay the text on screen.
  let firstFrame = true
  let stateAt = Number.NEGATIVE_INFINITY
  let stateTimer: ReturnType<typeof setTimeout> | null = null
  const frame = () => {
    if (firstFrame) {
      firstFrame = false
      frames.request()
      return
    }
    const now = Date.now()
    const s = store.getState()
    const patch: Partial<ReturnType<typeof store.getState>> = {}
    // While someone types, the replica's own state (digest, log, and the page around them) is
    // redrawn at the rate peers hear of it, not every frame: each redraw is a React render, and
    // one landing between a key and its input event delays the keystroke's broadcast.
    const wait = stateAt + PUBLISH_INTERVAL_MS - now
    if ((dirty.state || dirty.log) && wait > 0) {
      stateTimer ??= setTimeout(() => {
        stateTimer = null
        frames.request()
      }, wait)
    } else if (dirty.state || dirty.log) stateAt = now
    if (dirty.state && wait <= 0) {
      dirty.state = false
      const pending = pendingOf(doc)
      self = {
        clientID: doc.clientID,
        code: opts.code,
        digest: stateDigest(doc),
        sv: stateVectorOf(doc),
        pending: pending.has,
        waitingOn: pending.waitingOn,
      }
      patch.self = {
        ...s.self,
        digest: self.digest,
        sv: self.sv,
        pending,
        writers: inspecting === 'store' ? writerStats(doc) : s.self.writers,
        tree: inspecting === 'tree' ? stateTree(doc) : s.self.tree,
        frames: s.self.frames + 1,
      }
      dirty.peers = true
    }
    maybePublish(now)
    const snap = connection.getSnapshot()
    if (dirty.peers) {
      dirty.peers = false
      const peers = readPeers(awareness)
      if (identity.recolor(peers.map((p) => p.user))) {
        // A replica that joined earlier holds this colour: take another and publish it next frame.
        patch.self = { ...(patch.self ?? s.self), color: identity.color, name: identity.name }
        frames.request()
      }
      book.observe(peers, now)
      patch.peers = book.views(self, snap.online, (peerId) => (peerId === null ? null : (snap.peers[peerId] ?? null)), now, identity.name)
      patch.signaling = snap.signaling
      patch.relay = snap.relay
    }
    if (dirty.log && wait <= 0) {
      dirty.log = false
      syncLog(store, log)
    }
    store.setState(patch)
  }
  const frames = new FrameScheduler(frame)
  undo.push(() => {
    if (stateTimer !== null) clearTimeout(stateTimer)
  })

  // Shared content: straight to the store, no frame wait.
  const syncNotes = () => store.setState({ notes: listNotes(doc) })
  const syncCounter = () =>
    store.setState({ counter: { value: counterValue(doc), own: ownCount(doc), entries: counterEntries(doc) } })
  notesMap(doc).observeDeep(syncNotes)
  counterMap(doc).observe(syncCounter)
  undo.push(
    () => notesMap(doc).unobserveDeep(syncNotes),
    () => counterMap(doc).unobserve(syncCounter),
  )

  // The op log: one entry per transaction that changed the document, described before Yjs merges items.
  // Names are tokens here, filled in when shown (the view knows names that arrive later).
  const nameOf = nameToken
  let lastSummary = ''
  const onAfterTransaction = (tr: Y.Transaction) => {
    lastSummary = describeChange(tr, nameOf)
    dirty.state = true
    frames.request()
  }
  const onUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
    const online = connection.online
    if (safety.isRestoreOrigin(origin)) {
      log.append({ time: Date.now(), dir: 'in', peer: 'saved on this device', bytes: update.byteLength, summary: lastSummary })
    } else if (tr.local) {
      log.append({
        time: Date.now(),
        dir: 'out',
        peer: online ? 'to the room' : 'kept: offline, sent on reconnect',
        bytes: update.byteLength,
        summary: lastSummary,
      })
    } else {
      const writers = [...tr.afterState].filter(([c, clock]) => clock > (tr.beforeState.get(c) ?? 0)).map(([c]) => c)
      const via = connection.lastUpdateVia?.via
      log.append({
        time: Date.now(),
        dir: 'in',
        peer: `${writers.length > 0 ? `from ${writers.map(nameOf).join(', ')}` : 'deletions'}${via ? ` via ${via}` : ''}`,
        bytes: update.byteLength,
        summary: lastSummary,
      })
    }
    dirty.log = true
  }
  doc.on('afterTransaction', onAfterTransaction)
  doc.on('update', onUpdate)
  undo.push(
    () => doc.off('afterTransaction', onAfterTransaction),
    () => doc.off('update', onUpdate),
  )

  // Past 5 replicas, peers' changes are folded in at about the rate each publishes, not every
  // frame: 15 peers each publishing every 400 ms would otherwise re-project the page ~40 times a second.
  let peersAt = 0
  let peersTimer: ReturnType<typeof setTimeout> | null = null
  const foldPeers = () => {
    peersTimer = null
    peersAt = Date.now()
    frames.request()
  }
  const onAwareness = () => {
    dirty.peers = true
    const wait = publishIntervalFor(awareness.getStates().size) - PUBLISH_INTERVAL_MS - (Date.now() - peersAt)
    if (wait <= 0) foldPeers()
    else peersTimer ??= setTimeout(foldPeers, wait)
  }
  awareness.on('change', onAwareness)
  undo.push(
    () => awareness.off('change', onAwareness),
    () => {
      if (peersTimer !== null) clearTimeout(peersTimer)
    },
  )

  // Connection status: notices on transitions to "unreachable", refusals, and peers/channel changes.
  undo.push(
    connectionNotices(
      connection,
      (level, text) => pushNotice(store, level, text, Date.now()),
      (id) => store.getState().actions.dismissNotice(id),
      log,
      (logChanged) => {
        if (logChanged) dirty.log = true
        dirty.peers = true
        frames.request()
      },
    ),
  )

  // Ages ("last seen 5 s ago") and the "converging…" grace period move with time, not with events.
  const tick = setInterval(() => {
    dirty.peers = true
    frames.request()
  }, 1000)
  undo.push(() => clearInterval(tick))

  const follower = followPolicy({
    room: opts.room,
    teacherKey: opts.teacherKey ?? null,
    awareness,
    gate,
    store,
    onApplied: () => antiEntropy.burst(),
  })
  undo.push(() => follower.destroy())
  const safety = startSafety({
    room: opts.room,
    doc,
    awareness,
    connection: () => connection,
    log,
    notify: (level, text) => pushNotice(store, level, text, Date.now()),
    logChanged: () => {
      dirty.log = true
      frames.request()
    },
    password,
    setPassword: (pw) => opts.setPassword?.(pw),
    goOffline: () => store.getState().actions.setOnline(false),
    saved: opts.loaded?.saved ?? null,
  })
  for (const p of opts.loaded?.problems ?? []) pushNotice(store, 'warning', p, Date.now())
  late.undecryptable = safety.undecryptable
  late.screen = safety.screen
  undo.push(() => safety.destroy())

  for (const p of opts.problems) pushNotice(store, 'warning', p, Date.now())
  syncNotes()
  syncCounter()
  frames.request()

  return {
    store,
    doc,
    connection,
    awareness,
    policy: follower.acceptor,
    gate,
    antiEntropy,
    safety,
    destroy: () => {
      frames.destroy()
      if (publishTimer !== null) clearTimeout(publishTimer)
      for (const u of undo.splice(0)) u()
      replica.destroy()
    },
  }
}
