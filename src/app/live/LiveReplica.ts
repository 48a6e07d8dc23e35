import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { LiveAntiEntropy } from '../../net/liveAntiEntropy'
import { LiveConnection } from '../../net/LiveConnection'
import { PolicyGate } from '../../net/PolicyGate'
import { cryptoAvailable } from '../../net/roomCrypto'
import { watchWake } from './watchWake'

export interface LiveReplicaOptions {
  room: string
  signaling: readonly string[]
  relay: string | null
  maxConns?: number
  /** The room password; used only where this browser can encrypt (a secure context). */
  password: string | null
  /** The document to run (a room read from this device), or a new one. */
  doc?: Y.Doc
  /** True while some replica in the room published another state: anti-entropy rounds run. */
  needsRepair: () => boolean
  /** Messages this tab cannot open arrive (another password, or none). */
  onUndecryptable: (sender: number | null) => void
  /** A further check of each decoded update (hostile-peer detection): a reason refuses it. */
  screenUpdate: (decoded: ReturnType<typeof Y.decodeUpdate>) => string | null
  /** This page woke from sleep (after the replica caught up was asked for). */
  onWake?: () => void
}

/**
 * One replica of a live room at run time: its document and awareness, its transport (the three
 * channels behind one boundary, `LiveConnection`), the teacher's policy gate, anti-entropy, and
 * waking from sleep. It holds no UI state; `startLiveRoom` composes it with the store, the op log,
 * persistence and the policy follower. `destroy()` undoes everything it started.
 */
export class LiveReplica {
  readonly doc: Y.Doc
  readonly awareness: Awareness
  readonly gate: PolicyGate
  readonly connection: LiveConnection
  readonly antiEntropy: LiveAntiEntropy
  /** Whether the password is in force: a page that is not a secure context cannot encrypt. */
  readonly secure = cryptoAvailable()
  private unwake: () => void

  constructor(opts: LiveReplicaOptions) {
    // gc off: deleted content stays, so kept versions and "Undo what this replica did" can bring it back.
    this.doc = opts.doc ?? new Y.Doc({ gc: false })
    this.awareness = new Awareness(this.doc)
    this.gate = new PolicyGate(this.doc.clientID, this.doc.clientID, opts.room)
    this.connection = new LiveConnection(opts.room, this.doc, this.awareness, opts.signaling, {
      gate: this.gate,
      maxConns: opts.maxConns,
      password: this.secure ? opts.password : null,
      onUndecryptable: opts.onUndecryptable,
      screenUpdate: opts.screenUpdate,
      relay: opts.relay,
    })
    this.antiEntropy = new LiveAntiEntropy(this.doc, (bytes) => this.connection.sendToPeers(bytes), opts.needsRepair)
    // A phone that slept, a frozen tab: check the relay's socket and catch up at once, not in 30 s.
    this.unwake = watchWake(() => {
      this.connection.wake()
      this.antiEntropy.burst([0, 500])
      opts.onWake?.()
    })
  }

  destroy(): void {
    this.unwake()
    this.antiEntropy.destroy()
    this.gate.destroy()
    this.connection.destroy()
    this.awareness.destroy()
    this.doc.destroy()
  }
}
