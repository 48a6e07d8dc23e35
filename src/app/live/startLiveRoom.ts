import * as random from 'lib0/random'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { stateDigest } from '../../core/digest'
import { OpLog } from '../../core/oplog'
import { pendingOf } from '../../core/pending'
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
import { LiveAntiEntropy } from '../../net/liveAntiEntropy'
import { LiveConnection } from '../../net/LiveConnection'
import { cryptoAvailable } from '../../net/roomCrypto'
import { PolicyGate } from '../../net/PolicyGate'
import { publishReplica, readPeers } from '../../net/replicaAwareness'
import { PeerBook } from '../../state/live/PeerBook'
import { createLiveStore, type InspectorTab, type LiveStore, pushNotice, syncLog } from '../../state/live/liveStore'
import { FrameScheduler } from '../frameScheduler'
import { followPolicy } from './followPolicy'
import type { LoadedRoom } from './loadRoom'
import { malformedUpdateMessage } from './malformedUpdateMessage'
import { browserStorage, type NameStorage, ReplicaIdentity } from './ReplicaIdentity'
import { type Safety, startSafety } from './startSafety'
import { watchWake } from './watchWake'

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
  // gc off: deleted content stays, so kept versions and "Undo what this replica did" can bring it back.
  const doc = opts.loaded?.doc ?? new Y.Doc({ gc: false })
  const awareness = new Awareness(doc)
  const identity = new ReplicaIdentity(doc.clientID, opts.storage === undefined ? browserStorage() : opts.storage, Date.now())
  const log = new OpLog(500)
  const book = new PeerBook()
  const undo: Array<() => void> = []
  const dirty = { state: true, peers: true, log: false }
  // Walks of the whole document (tree, per-writer counts) only for the inspector tab that shows them.
  let inspecting: InspectorTab = 'log'
  let published: string | null = null
  let self: ReplicaInfo = { clientID: doc.clientID, code: opts.code, digest: '', sv: {}, pending: false, waitingOn: {} }
  const gate = new PolicyGate(doc.clientID, doc.clientID, opts.room)
  const password = { value: opts.password ?? null, secure: cryptoAvailable() }
  const late = { undecryptable: (_sender: number | null) => {}, screen: (_decoded: ReturnType<typeof Y.decodeUpdate>): string | null => null }
  const connection = new LiveConnection(opts.room, doc, awareness, opts.signaling, {
    gate,
    maxConns: opts.maxConns,
    password: password.secure ? password.value : null,
    onUndecryptable: (sender) => late.undecryptable(sender),
    screenUpdate: (decoded) => late.screen(decoded),
    relay: opts.relay ?? null,
  })

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

  // Connection status: notices on transitions to "unreachable", and peers/channel changes.
  const unreachableShown = new Set<string>()
  let relayRefusal: string | null = null
  undo.push(
    connection.subscribe(() => {
      const snap = connection.getSnapshot()
      const relay = snap.relay
      if (relay !== null) {
        if (relay.state === 'unreachable' && !unreachableShown.has(relay.url)) {
          unreachableShown.add(relay.url)
          pushNotice(
            store,
            'error',
            `The relay ${relay.url} cannot be reached. Replicas that reach this one directly still sync; those that cannot (on Wi-Fi that keeps devices apart, or without WebRTC) will not until it answers. The page keeps trying, and nothing here is lost.`,
            Date.now(),
          )
        }
        if (relay.state === 'connected') unreachableShown.delete(relay.url)
        if (relay.refused !== null && relay.refused !== relayRefusal)
          pushNotice(store, 'warning', `The relay refused a message from this replica: ${relay.refused}.`, Date.now())
        relayRefusal = relay.refused
      }
      for (const s of snap.signaling) {
        if (s.state === 'unreachable' && !unreachableShown.has(s.url)) {
          unreachableShown.add(s.url)
          pushNotice(
            store,
            'error',
            `The signaling server ${s.url} cannot be reached. Tabs of this browser still sync; other devices cannot join until it answers (the page keeps trying).`,
            Date.now(),
          )
        }
        if (s.state === 'connected') unreachableShown.delete(s.url)
      }
      dirty.peers = true
      frames.request()
    }),
    connection.onRejected((r) => {
      pushNotice(
        store,
        'error',
        `Refused a malformed message from ${r.via}${r.peerId ? ` (peer ${r.peerId.slice(0, 8)})` : ''}: ${r.reason}. This replica is unchanged and keeps working.`,
        Date.now(),
      )
      log.append({ time: Date.now(), dir: 'rejected', peer: `via ${r.via}`, bytes: r.bytes, summary: r.reason })
      dirty.log = true
      frames.request()
    }),
  )

  // Ages ("last seen 5 s ago") and the "converging…" grace period move with time, not with events.
  const tick = setInterval(() => {
    dirty.peers = true
    frames.request()
  }, 1000)
  undo.push(() => clearInterval(tick))

  // Anti-entropy while some replica here published another state; at once after a new policy (a Heal).
  const antiEntropy = new LiveAntiEntropy(
    doc,
    (bytes) => connection.sendToPeers(bytes),
    () => store.getState().peers.some((p) => p.presence === 'here' && p.verdict !== null && !p.verdict.stateEqual),
  )
  // A phone that slept, a frozen tab: check the relay's socket and catch up at once, not in 30 s.
  undo.push(
    watchWake(() => {
      connection.wake()
      antiEntropy.burst([0, 500])
      publish()
    }),
  )
  const follower = followPolicy({
    room: opts.room,
    teacherKey: opts.teacherKey ?? null,
    awareness,
    gate,
    store,
    onApplied: () => antiEntropy.burst(),
  })
  undo.push(
    () => follower.destroy(),
    () => antiEntropy.destroy(),
    () => gate.destroy(),
  )
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
      connection.destroy()
      awareness.destroy()
      doc.destroy()
    },
  }
}
