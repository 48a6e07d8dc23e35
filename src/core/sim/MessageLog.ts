import { SimMessage } from './SimMessage'

/**
 * Every message the simulated network carried, in send order: an append-only array with a
 * version that bumps on every append and every settlement (arrival or drop). A view renders
 * incrementally: messages before `firstUnsettled` never change again, so only the tail from
 * `firstUnsettled` (and anything appended) needs redrawing after a version change.
 */
export class MessageLog {
  private readonly list: SimMessage[] = []
  private firstOpen = 0
  private flying = 0
  version = 0

  get messages(): readonly SimMessage[] {
    return this.list
  }

  get length(): number {
    return this.list.length
  }

  /** Index of the oldest message still in flight (or `length` when none is). */
  get firstUnsettled(): number {
    return this.firstOpen
  }

  /** Messages sent and neither received nor dropped yet. */
  get inFlight(): number {
    return this.flying
  }

  /** Next message id: ids are indexes into `messages`. */
  get nextId(): number {
    return this.list.length
  }

  /**
   * A new log holding the first `length` messages of `from`, with the messages in `inFlight` as
   * fresh unsettled copies (they were in flight at a checkpoint and settled later in `from`).
   * Settled messages are immutable, so they are shared.
   */
  static prefixOf(from: MessageLog, length: number, inFlight: ReadonlySet<number>): MessageLog {
    if (length > from.list.length) throw new RangeError(`the log has ${from.list.length} messages, not ${length}`)
    const log = new MessageLog()
    for (let i = 0; i < length; i++) {
      const m = from.list[i]
      if (!inFlight.has(i)) {
        log.list.push(m)
        continue
      }
      log.list.push(new SimMessage(m.id, m.from, m.to, m.payload, m.sentAt, m.arriveAt, m.duplicateOf, m.reordered, m.resendOf))
      log.flying++
    }
    log.advance()
    return log
  }

  append(m: SimMessage): void {
    this.list.push(m)
    if (!m.settled) this.flying++
    else if (this.firstOpen === this.list.length - 1) this.advance()
    this.version++
  }

  /** Call once a message's receivedAt or droppedAt has been set. */
  settled(m: SimMessage): void {
    this.flying--
    if (m.id === this.firstOpen) this.advance()
    this.version++
  }

  private advance(): void {
    const l = this.list
    while (this.firstOpen < l.length && l[this.firstOpen].settled) this.firstOpen++
  }
}
