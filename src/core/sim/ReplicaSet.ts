import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { colorIndexOf, REPLICA_COLORS } from '../colors'
import { GENESIS } from './origins'
import { loadPrng, type PrngState, savePrng } from './prngState'
import { type LocalUpdateHandler, Replica, type ReplicaHistory } from './Replica'
import { replicaName } from './replicaName'
import { GENESIS_CLIENT } from './SimConfig'

/** Who is live and what the next replica will get, as data (for checkpoints); documents are kept apart. */
export interface ReplicaSetState {
  nextId: number
  usedClientIds: number[]
  idGen: PrngState
}

/** A replica to bring back from a checkpoint: its restored document and its logs up to then. */
export interface RestoredReplica {
  id: number
  doc: Y.Doc
  history: ReplicaHistory
}

/**
 * The live replicas of a simulation: ids (never reused), names, clientIDs and colours.
 * `live` and `liveIds` are replaced, never mutated, so views can compare them by identity.
 */
export class ReplicaSet {
  private readonly byId = new Map<number, Replica>()
  private list: readonly Replica[] = []
  private ids: readonly number[] = []
  private nextId = 0
  private readonly usedClientIds = new Set<number>([GENESIS_CLIENT])

  constructor(
    /** Explicit clientIDs for the first replicas (by id), from the config. */
    private readonly explicitClientIds: readonly number[],
    private readonly idGen: prng.PRNG,
    /** Initial content every replica starts from, or null. */
    private readonly genesis: Uint8Array | null,
    private readonly now: () => number,
    private readonly onLocal: LocalUpdateHandler,
  ) {}

  /** Live replicas, ascending id. */
  get live(): readonly Replica[] {
    return this.list
  }

  get liveIds(): readonly number[] {
    return this.ids
  }

  get(id: number): Replica | undefined {
    return this.byId.get(id)
  }

  has(id: number): boolean {
    return this.byId.has(id)
  }

  require(id: number): Replica {
    const r = this.byId.get(id)
    if (r === undefined) throw new RangeError(`no live replica with id ${id}`)
    return r
  }

  /** A new replica with the next id, holding the initial content. */
  create(): Replica {
    const id = this.nextId++
    const doc = new Y.Doc()
    doc.clientID = this.drawClientId(id)
    const r = new Replica(id, replicaName(id), colorIndexOf(doc.clientID), doc, this.now, this.onLocal)
    if (this.genesis !== null) r.receive(this.genesis, GENESIS)
    this.byId.set(id, r)
    this.set([...this.list, r])
    return r
  }

  save(): ReplicaSetState {
    return { nextId: this.nextId, usedClientIds: [...this.usedClientIds], idGen: savePrng(this.idGen) }
  }

  /** Replaces every replica with restored ones (the current ones are destroyed). */
  load(s: ReplicaSetState, replicas: readonly RestoredReplica[]): void {
    this.destroyAll()
    this.nextId = s.nextId
    this.usedClientIds.clear()
    for (const id of s.usedClientIds) this.usedClientIds.add(id)
    loadPrng(this.idGen, s.idGen)
    const list: Replica[] = []
    for (const r of replicas) {
      const rep = new Replica(r.id, replicaName(r.id), colorIndexOf(r.doc.clientID), r.doc, this.now, this.onLocal, r.history)
      this.byId.set(r.id, rep)
      list.push(rep)
    }
    this.set(list)
  }

  remove(id: number): void {
    const r = this.require(id)
    this.byId.delete(id)
    this.set(this.list.filter((x) => x !== r))
    r.destroy()
  }

  destroyAll(): void {
    for (const r of this.list) r.destroy()
    this.byId.clear()
    this.set([])
  }

  private set(list: Replica[]): void {
    this.list = list.sort((a, b) => a.id - b.id)
    this.ids = this.list.map((r) => r.id)
  }

  /**
   * An explicit clientID from the config, else one drawn from the seed whose colour (colors.ts,
   * a function of the clientID that every widget uses) no live replica has: each replica keeps
   * its own colour in every view while there are fewer replicas than colours (12); past that,
   * colours repeat and names tell replicas apart.
   */
  private drawClientId(index: number): number {
    let id = this.explicitClientIds[index]
    const taken = new Set(this.list.map((r) => colorIndexOf(r.clientId)))
    const anyColor = taken.size >= REPLICA_COLORS.length
    while (id === undefined || this.usedClientIds.has(id)) {
      const drawn = prng.uint32(this.idGen, 2, 0xffffffff)
      if (anyColor || !taken.has(colorIndexOf(drawn))) id = drawn
    }
    this.usedClientIds.add(id)
    return id
  }
}
