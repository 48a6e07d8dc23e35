// The class's relay: a topic publish/subscribe hub that speaks y-webrtc's signaling protocol
// (subscribe, unsubscribe, publish, ping), so y-webrtc peers use it to find each other, and A = A′
// replicas also publish their document and awareness messages through it to peers they cannot
// reach directly. It holds no document and decides nothing about one: it forwards.
//
// Beyond y-webrtc's own server it adds bounds (message size, rate per client, topics per client,
// subscribers per topic, clients), directed delivery (`to`), and a refusal message that says why.

/** @typedef {{ send: (data: string) => void, close: (code?: number, reason?: string) => void, ping?: () => void, readyState?: number, on: (event: string, f: (...args: any[]) => void) => void }} Socket */

export const DEFAULT_LIMITS = Object.freeze({
  /** Largest message (bytes of JSON text). A document's whole state travels as chunks of ~256 KiB. */
  maxMessageBytes: 1024 * 1024,
  /** Messages per second one client may publish (sustained), and the burst it may reach. */
  messagesPerSecond: 200,
  messageBurst: 400,
  /** Bytes per second one client may publish (sustained), and the burst. */
  bytesPerSecond: 8 * 1024 * 1024,
  bytesBurst: 16 * 1024 * 1024,
  /** Topics one client may subscribe to (a tab uses two per room: y-webrtc's and the relay's). */
  topicsPerClient: 16,
  /** Longest topic name. */
  topicLength: 240,
  /** Clients one topic may hold, and clients in all. */
  subscribersPerTopic: 500,
  maxClients: 2000,
  /** A client that keeps flooding past its rate for this long is disconnected. */
  floodCloseAfterMs: 10_000,
  /** How often the hub pings each client; one that missed a pong is closed. */
  pingIntervalMs: 30_000,
})

const OPEN = 1

/**
 * A token bucket: `take(n)` is true when n tokens were there (and takes them).
 */
class Bucket {
  /** @param {number} rate @param {number} burst @param {() => number} now */
  constructor(rate, burst, now) {
    this.rate = rate
    this.burst = burst
    this.now = now
    this.tokens = burst
    this.at = now()
  }
  /** @param {number} n */
  take(n) {
    const t = this.now()
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.at) / 1000) * this.rate)
    this.at = t
    if (this.tokens < n) return false
    this.tokens -= n
    return true
  }
}

export class RelayHub {
  /**
   * @param {Partial<typeof DEFAULT_LIMITS>} [limits]
   * @param {() => number} [now]
   */
  constructor(limits = {}, now = () => Date.now()) {
    this.limits = { ...DEFAULT_LIMITS, ...limits }
    this.now = now
    /** @type {Map<string, Set<Client>>} */
    this.topics = new Map()
    /** topic → sender id (from `from`) → the client that first used it there. */
    /** @type {Map<string, Map<string, Client>>} */
    this.ids = new Map()
    /** @type {Set<Client>} */
    this.clients = new Set()
    this.stats = { messages: 0, delivered: 0, bytesIn: 0, refused: 0, closedForFlooding: 0 }
    this.pinger = setInterval(() => this.pingAll(), this.limits.pingIntervalMs)
    this.pinger.unref?.()
  }

  /** @param {Socket} socket */
  connect(socket) {
    if (this.clients.size >= this.limits.maxClients) {
      socket.close(1013, 'the relay is full: too many clients')
      return
    }
    const client = new Client(socket, this)
    this.clients.add(client)
    socket.on('message', (data) => client.receive(data))
    socket.on('close', () => this.drop(client))
    socket.on('error', () => this.drop(client))
    socket.on('pong', () => {
      client.alive = true
    })
  }

  pingAll() {
    for (const c of this.clients) {
      if (!c.alive) {
        c.socket.close(1001, 'no answer to ping')
        this.drop(c)
        continue
      }
      c.alive = false
      try {
        c.socket.ping?.()
      } catch {
        this.drop(c)
      }
    }
  }

  /** @param {Client} client */
  drop(client) {
    if (!this.clients.delete(client)) return
    for (const t of client.topics) this.unsubscribe(client, t)
  }

  /** @param {Client} client @param {string} topic */
  subscribe(client, topic) {
    if (client.topics.has(topic)) return null
    if (typeof topic !== 'string' || topic.length === 0 || topic.length > this.limits.topicLength) return 'a topic name must be 1–240 characters'
    if (client.topics.size >= this.limits.topicsPerClient) return `one client may subscribe to at most ${this.limits.topicsPerClient} topics`
    let subs = this.topics.get(topic)
    if (subs === undefined) {
      subs = new Set()
      this.topics.set(topic, subs)
    }
    if (subs.size >= this.limits.subscribersPerTopic) return `the topic has ${subs.size} clients, the most it may hold`
    subs.add(client)
    client.topics.add(topic)
    return null
  }

  /** @param {Client} client @param {string} topic */
  unsubscribe(client, topic) {
    client.topics.delete(topic)
    const subs = this.topics.get(topic)
    if (subs === undefined) return
    subs.delete(client)
    if (subs.size === 0) {
      this.topics.delete(topic)
      this.ids.delete(topic)
    }
    const ids = this.ids.get(topic)
    if (ids !== undefined) for (const [id, c] of ids) if (c === client) ids.delete(id)
  }

  /**
   * Forwards a publish: to the client that uses `to` as its id in this topic when the hub knows
   * it, else to every subscriber but the sender (clients filter `to` themselves, as y-webrtc does).
   * @param {Client} from @param {any} message @param {string} text
   */
  publish(from, message, text) {
    const topic = message.topic
    const subs = this.topics.get(topic)
    this.stats.messages++
    if (subs === undefined) return
    if (message.from !== undefined && from.topics.has(topic)) {
      const id = String(message.from)
      let ids = this.ids.get(topic)
      if (ids === undefined) {
        ids = new Map()
        this.ids.set(topic, ids)
      }
      if (!ids.has(id)) ids.set(id, from)
    }
    if (message.to !== undefined) {
      const target = this.ids.get(topic)?.get(String(message.to))
      if (target !== undefined) {
        if (target !== from) this.deliver(target, text)
        return
      }
    }
    for (const c of subs) if (c !== from) this.deliver(c, text)
  }

  /** @param {Client} client @param {string} text */
  deliver(client, text) {
    if (client.socket.readyState !== undefined && client.socket.readyState !== OPEN) return
    try {
      client.socket.send(text)
      this.stats.delivered++
    } catch {
      this.drop(client)
    }
  }

  /** How many clients and topics the hub holds now, and what it has forwarded. */
  summary() {
    return { clients: this.clients.size, topics: this.topics.size, ...this.stats }
  }

  destroy() {
    clearInterval(this.pinger)
    for (const c of this.clients) c.socket.close(1001, 'the relay is stopping')
    this.clients.clear()
    this.topics.clear()
    this.ids.clear()
  }
}

class Client {
  /** @param {Socket} socket @param {RelayHub} hub */
  constructor(socket, hub) {
    this.socket = socket
    this.hub = hub
    /** @type {Set<string>} */
    this.topics = new Set()
    this.alive = true
    const l = hub.limits
    this.messages = new Bucket(l.messagesPerSecond, l.messageBurst, hub.now)
    this.bytes = new Bucket(l.bytesPerSecond, l.bytesBurst, hub.now)
    /** Since when this client has been over its rate, with no second free of refusals (null: it is within it). */
    this.floodingSince = null
    this.lastOverAt = Number.NEGATIVE_INFINITY
    this.lastRefusalAt = Number.NEGATIVE_INFINITY
  }

  /** Tells the client why a message was refused, at most once a second (a flood gets one answer a second). @param {string} reason */
  refuse(reason) {
    this.hub.stats.refused++
    const t = this.hub.now()
    if (t - this.lastRefusalAt < 1000) return
    this.lastRefusalAt = t
    this.hub.deliver(this, JSON.stringify({ type: 'refused', reason }))
  }

  /** @param {unknown} data */
  receive(data) {
    const hub = this.hub
    // A client the hub dropped (closed for flooding, gone) may still have messages in flight.
    if (!hub.clients.has(this)) return
    const text = typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : String(data)
    const bytes = Buffer.byteLength(text)
    hub.stats.bytesIn += bytes
    if (bytes > hub.limits.maxMessageBytes) return this.refuse(`a message of ${bytes} bytes is over the relay's limit of ${hub.limits.maxMessageBytes}`)
    if (!this.messages.take(1) || !this.bytes.take(bytes)) {
      const t = hub.now()
      if (this.floodingSince === null || t - this.lastOverAt > 1000) this.floodingSince = t
      this.lastOverAt = t
      if (t - this.floodingSince > hub.limits.floodCloseAfterMs) {
        hub.stats.closedForFlooding++
        this.socket.close(1008, 'too many messages for too long')
        hub.drop(this)
        return
      }
      return this.refuse(`more than ${hub.limits.messagesPerSecond} messages or ${hub.limits.bytesPerSecond} bytes a second`)
    }
    let message
    try {
      message = JSON.parse(text)
    } catch {
      return this.refuse('a message that is not JSON')
    }
    if (message === null || typeof message !== 'object' || typeof message.type !== 'string') return this.refuse('a message without a type')
    switch (message.type) {
      case 'subscribe':
      case 'unsubscribe': {
        const topics = Array.isArray(message.topics) ? message.topics : []
        for (const t of topics) {
          if (typeof t !== 'string') continue
          if (message.type === 'unsubscribe') hub.unsubscribe(this, t)
          else {
            const why = hub.subscribe(this, t)
            if (why !== null) this.refuse(`cannot subscribe to "${t.slice(0, 40)}": ${why}`)
          }
        }
        break
      }
      case 'publish':
        if (typeof message.topic !== 'string') return this.refuse('a publish without a topic')
        hub.publish(this, message, text)
        break
      case 'ping':
        hub.deliver(this, '{"type":"pong"}')
        break
      default:
        this.refuse(`unknown message type "${String(message.type).slice(0, 20)}"`)
    }
  }
}
