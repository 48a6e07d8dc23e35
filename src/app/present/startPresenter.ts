import type { NetworkPolicy } from '../../core/policy/NetworkPolicy'
import type { SignedPolicy } from '../../core/policy/policyCodec'
import { signPolicy } from '../../core/policy/policySignature'
import { heal, moveToGroup, setCut, setDelay, setLoss, splitInTwo } from '../../core/policy/policyEdits'
import { keyFromHex, keyToHex, presenterKeys, publicKeyOf } from '../../core/policy/teacherKeys'
import { fragmentParams, passwordFromHash } from '../../core/fragment'
import { readUser } from '../../core/replicaUser'
import { shareLinkFor } from '../../core/shareLink'
import { publishPolicy, readAppliedVersions, readFollowedTeachers } from '../../net/policyAwareness'
import { readLinks } from '../../net/awarenessRelay'
import { pushNotice } from '../../state/live/liveStore'
import { blockedByOtherKey, createPresentStore, type PresentStore, setTiles } from '../../state/present/presentStore'
import { projectTiles } from '../../state/present/tiles'
import { FrameScheduler } from '../frameScheduler'
import { type LiveRoom, startLiveRoom } from '../live/startLiveRoom'
import { presenterUrl, studentUrl } from './presenterLinks'
import { type KeyStorage, saveTeacherSecret, savedTeacherSecret } from './savedTeacherKey'

export interface PresenterOptions {
  room: string
  signaling: readonly string[]
  /** `teacher=` from the query (checked hex) and the raw `key` from the fragment. */
  teacher: string | null
  href: string
  code: string
  problems: readonly string[]
  maxConns?: number
  /** 32 random bytes for a new class's secret (crypto.getRandomValues works without a secure context). */
  randomSecret: () => Uint8Array
  /** Writes the presenter's own link (with its keys) into the address bar, without reloading. */
  replaceUrl: (url: string) => void
  openTab: (url: string) => void
  /** This computer's address on the network (npm start knows it), for a page opened on localhost. */
  lanOrigin?: string | null
  /** The relay (`?relay=`). */
  relay?: string | null
  /** Asks the server that served this page for a short link to `link` (null: it makes none). */
  shorten?: (link: string) => Promise<string | null>
  /** Where the teacher's key for the room is kept on this device (localStorage); null: nowhere. */
  storage?: KeyStorage | null
}

export interface Presenter {
  live: LiveRoom
  store: PresentStore
  destroy(): void
}

/**
 * The presenter: a replica of the room like any other (startLiveRoom), plus the wall's projection
 * and the teacher's controls. Each control makes a new policy version, signs it with the secret
 * from the link's fragment and publishes it in this replica's awareness; every replica (this one
 * too) verifies and follows it. A link whose secret does not match its teacher key gets the wall
 * without the controls, and says why.
 */
export const startPresenter = (opts: PresenterOptions): Presenter => {
  const storage = opts.storage ?? null
  // A link without the secret takes the one this device keeps for the room, when it belongs to the link's key.
  let secretHex = fragmentParams(new URL(opts.href).hash).get('key')
  let restored = false
  const saved = secretHex === null ? savedTeacherSecret(storage, opts.room) : null
  if (saved !== null && (opts.teacher === null || keyToHex(publicKeyOf(keyFromHex(saved)!)) === opts.teacher)) {
    secretHex = saved
    restored = true
  }
  const keys = presenterKeys(opts.teacher, secretHex, opts.randomSecret)
  const teacherKey = keys.kind === 'keys' ? keys.keys.publicKey : keys.publicKey
  const teacherHex = teacherKey === null ? null : keyToHex(teacherKey)
  let kept = false
  if (keys.kind === 'keys') {
    kept = saveTeacherSecret(storage, opts.room, keyToHex(keys.keys.secretKey!))
    if (keys.made || restored) opts.replaceUrl(presenterUrl(opts.href, teacherHex!, keyToHex(keys.keys.secretKey!)).href)
  }
  // A wall opened on localhost shows the computer's network address to the students (shareLink).
  const share = shareLinkFor(studentUrl(opts.href, teacherHex), opts.lanOrigin)
  const studentLink = share.link

  const live = startLiveRoom({
    room: opts.room,
    signaling: opts.signaling,
    relay: opts.relay ?? null,
    link: studentLink,
    code: opts.code,
    problems: opts.problems,
    openTab: opts.openTab,
    teacherKey,
    maxConns: opts.maxConns,
    // A room password travels in the presenter's fragment too (#password=…&key=…); students type it.
    password: passwordFromHash(new URL(opts.href).hash),
    share,
  })
  const secret = keys.kind === 'keys' ? keys.keys.secretKey : null
  if (keys.kind === 'refused') pushNotice(live.store, 'error', keys.reason, Date.now())
  if (share.localOnly && share.note !== null) pushNotice(live.store, 'warning', share.note, Date.now())

  let issued: SignedPolicy | null = null
  const issue = (edit: (p: NetworkPolicy, now: number) => NetworkPolicy) => {
    if (secret === null || blockedByOtherKey(store.getState().key)) return
    const p = edit(store.getState().policy, Date.now())
    issued = signPolicy(p, secret)
    publishPolicy(live.awareness, issued)
    store.setState({ policy: p })
    frames.request()
  }
  const shown = () =>
    store
      .getState()
      .tiles.filter((t) => t.presence === 'here')
      .map((t) => t.clientID)

  const store = createPresentStore({
    room: opts.room,
    studentLink,
    control: keys.kind === 'keys' ? { ok: true } : { ok: false, reason: keys.reason },
    actions: {
      splitInTwo: () => issue((p, now) => splitInTwo(p, shown(), now)),
      heal: () => issue(heal),
      moveToGroup: (id, group) => issue((p, now) => moveToGroup(p, id, group, shown(), now)),
      setCut: (id, cut) => issue((p, now) => setCut(p, id, cut, now)),
      setDelay: (ms, group) => issue((p, now) => setDelay(p, ms, group, now)),
      setLoss: (rate, group) => issue((p, now) => setLoss(p, rate, group, now)),
      forget: (id) => live.store.getState().actions.forgetPeer(id),
      takeOver: () => store.setState((s) => ({ key: { ...s.key, takenOver: true } })),
    },
    key: { restored, kept },
  })

  // Names and colours outlive a replica's awareness state, so a tile that left keeps its name.
  const users = new Map<number, { name: string; color: string }>()
  const project = () => {
    const awareness = live.awareness
    for (const [id, state] of awareness.getStates()) {
      const u = readUser(id, state.user)
      users.set(id, { name: u.name, color: u.color })
    }
    const s = live.store.getState()
    const me = users.get(s.self.clientID)
    // Who follows another teacher key (an earlier wall's), and who tried to send controls that were refused.
    let others = 0
    if (teacherHex !== null) for (const [id, t] of readFollowedTeachers(awareness)) if (id !== s.self.clientID && t !== teacherHex) others++
    const refusedFrom = [...new Set(s.network.refused.map((r) => users.get(r.from)?.name ?? `replica ${r.from}`))]
    const k = store.getState().key
    if (k.others !== others || k.refusedFrom.join('\n') !== refusedFrom.join('\n')) store.setState({ key: { ...k, others, refusedFrom } })
    setTiles(
      store,
      projectTiles({
        self: { clientID: s.self.clientID, code: s.self.code, digest: s.self.digest, sv: s.self.sv, pending: s.self.pending.has, waitingOn: s.self.pending.waitingOn },
        selfName: me?.name ?? 'Presenter',
        selfColor: me?.color ?? s.self.color,
        peers: s.peers,
        users,
        applied: readAppliedVersions(awareness),
        policy: store.getState().policy,
        now: Date.now(),
      }),
      readLinks(awareness),
    )
  }
  const frames = new FrameScheduler(project)
  const unsubscribe = live.store.subscribe((s, prev) => {
    if (s.peers !== prev.peers || s.self !== prev.self || s.network.refused !== prev.network.refused) frames.request()
  })
  const onAwareness = () => {
    // Going offline clears this replica's awareness state: publish the policy again when back.
    const local = live.awareness.getLocalState()
    if (issued !== null && local !== null && local.policy === undefined) publishPolicy(live.awareness, issued)
    frames.request()
  }
  live.awareness.on('change', onAwareness)
  frames.request()

  let destroyed = false
  // The short link lives in the class server's memory: asked for again whenever the relay
  // (the same server under npm start) connects, so it works again after the server restarts.
  let relayWas: string | null = null
  const askShort = () => {
    opts
      .shorten?.(studentLink)
      .then((short) => {
        if (!destroyed && short !== null) store.setState({ shortLink: short })
      })
      .catch(() => {})
  }
  askShort()
  const unwatchRelay = live.connection.subscribe(() => {
    const state = live.connection.getSnapshot().relay?.state ?? null
    if (state === 'connected' && relayWas !== 'connected') askShort()
    relayWas = state
  })
  import('qrcode')
    .then((q) => q.toString(studentLink, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }))
    .then((svg) => {
      if (!destroyed) store.setState({ qrSvg: svg })
    })
    .catch((e: unknown) => pushNotice(live.store, 'error', `The QR code could not be made: ${String(e)}`, Date.now()))

  return {
    live,
    store,
    destroy: () => {
      destroyed = true
      unwatchRelay()
      frames.destroy()
      unsubscribe()
      live.awareness.off('change', onAwareness)
      live.destroy()
    },
  }
}
