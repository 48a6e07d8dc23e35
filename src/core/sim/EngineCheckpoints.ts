import type * as prng from 'lib0/prng'
import type { RecordedAction } from './actions'
import type { AntiEntropy } from './AntiEntropy'
import { CheckpointError, decodeReplica, encodeReplica, type ReplicaCheckpoint, type SimCheckpoint } from './Checkpoint'
import { ConvergenceSeries } from './ConvergenceSeries'
import { MessageLog } from './MessageLog'
import type { Network } from './Network'
import { loadPrng, savePrng } from './prngState'
import type { ReplicaSet, RestoredReplica } from './ReplicaSet'
import type { EventTag, Scheduler } from './Scheduler'
import type { WorkloadParams } from './Workload'
import type { WorkloadRunner } from './WorkloadRunner'

/**
 * The engine's parts that a checkpoint reads and a restore writes back, as the Simulation holds
 * them (the logs, the series, the workload and the counters are replaced by a restore).
 */
export interface EngineParts {
  readonly scheduler: Scheduler
  readonly network: Network
  readonly set: ReplicaSet
  readonly ae: AntiEntropy
  readonly workGen: prng.PRNG
  log: MessageLog
  series: ConvergenceSeries
  runner: WorkloadRunner | null
  recorded: RecordedAction[]
  events: number
  nextSampleAt: number
  makeRunner(params: WorkloadParams): WorkloadRunner
  /** The planned action number `i` as an event callback, or undefined when the run has none. */
  planned(i: number): (() => void) | undefined
}

/**
 * Takes checkpoints of a whole engine and restores them (see SimCheckpoint). Consecutive
 * checkpoints share the encoded documents of replicas that did not change in between.
 */
export class EngineCheckpoints {
  private last: { cp: SimCheckpoint; changes: Map<number, number> } | null = null

  constructor(private readonly e: EngineParts) {}

  /** The whole engine now, or a sentence saying why none can be taken (an event that is not data). */
  take(): SimCheckpoint | string {
    const e = this.e
    const scheduler = e.scheduler.save()
    if (typeof scheduler === 'string') return scheduler
    const prev = this.last
    const prevById = new Map<number, ReplicaCheckpoint>()
    if (prev !== null) for (const r of prev.cp.replicas) prevById.set(r.id, r)
    const changes = new Map<number, number>()
    let bytes = 0
    const replicas = e.set.live.map((r) => {
      const enc = encodeReplica(r, prevById.get(r.id), prev?.changes.get(r.id))
      changes.set(r.id, r.changes)
      if (enc.fresh) bytes += enc.cp.doc.byteLength
      return enc.cp
    })
    const series = e.series
    const n = series.length
    const cp: SimCheckpoint = {
      at: e.scheduler.now,
      events: e.events,
      actions: e.recorded.length,
      position: e.events + e.recorded.length,
      scheduler,
      network: e.network.save(),
      replicaSet: e.set.save(),
      replicas,
      log: e.log,
      logLength: e.log.length,
      series,
      seriesLength: n,
      seriesLast: n === 0 ? null : { distinct: series.distinct[n - 1], inFlight: series.inFlight[n - 1] },
      recorded: e.recorded,
      antiEntropy: e.ae.save(),
      workload: e.runner === null ? null : { params: structuredClone(e.runner.params), done: e.runner.done },
      workGen: savePrng(e.workGen),
      nextSampleAt: e.nextSampleAt,
      bytes,
    }
    this.last = { cp, changes }
    return cp
  }

  /**
   * Puts the engine back as it was at `cp`. Every replica is rebuilt from its encoded document
   * and checked against the digest it had; a CheckpointError while decoding changes nothing.
   */
  restore(cp: SimCheckpoint): void {
    const e = this.e
    const restored: RestoredReplica[] = []
    try {
      for (const c of cp.replicas) restored.push(decodeReplica(c, cp.at))
    } catch (err) {
      for (const r of restored) r.doc.destroy()
      throw err
    }
    const inFlight = new Set<number>()
    for (const ev of cp.scheduler.events) if (ev.tag.k === 'land') inFlight.add(ev.tag.m)
    e.runner?.stop()
    e.runner = null
    e.ae.stop()
    e.set.load(cp.replicaSet, restored)
    e.log = MessageLog.prefixOf(cp.log, cp.logLength, inFlight)
    e.network.load(cp.network, e.log)
    e.series = ConvergenceSeries.prefixOf(cp.series, cp.seriesLength, cp.seriesLast)
    loadPrng(e.workGen, cp.workGen)
    if (cp.workload !== null) e.runner = e.makeRunner(structuredClone(cp.workload.params))
    const handles = e.scheduler.load(cp.scheduler, (tag) => this.revive(tag))
    e.ae.load(cp.antiEntropy, handles.find((h) => h.tag?.k === 'ae') ?? null)
    if (cp.workload !== null) {
      const ev = handles.find((h) => h.tag?.k === 'work')
      if (ev === undefined) throw new CheckpointError('the checkpoint has a workload but no next edit', cp.at)
      e.runner?.resume(cp.workload.done, ev)
    }
    e.recorded = cp.recorded.slice(0, cp.actions)
    e.events = cp.events
    e.nextSampleAt = cp.nextSampleAt
    this.last = { cp, changes: new Map(e.set.live.map((r) => [r.id, r.changes])) }
  }

  /** Drops the reference to the last checkpoint (the engine is destroyed). */
  forget(): void {
    this.last = null
  }

  /** An event of a checkpoint's queue, as a callback of this engine. */
  private revive(tag: EventTag): () => void {
    const e = this.e
    switch (tag.k) {
      case 'land':
        return e.network.revive(tag)
      case 'ae':
        return e.ae.revive
      case 'work':
        if (e.runner === null) throw new CheckpointError('the checkpoint has a workload edit but no workload', e.scheduler.now)
        return e.runner.revive
      case 'plan': {
        const run = e.planned(tag.i)
        if (run === undefined) throw new CheckpointError(`the checkpoint names planned action ${tag.i}, which this run does not have`, e.scheduler.now)
        return run
      }
    }
  }
}
