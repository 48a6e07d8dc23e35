import type { OpLog } from '../../core/oplog'
import type { LiveConnection } from '../../net/LiveConnection'

/**
 * What the page says about its connection: once when a signaling server or the relay becomes
 * unreachable (again after it came back; the notice goes away by itself when it answers again, so
 * a wall does not keep a red box after the laptop's server restarted), the relay's refusals, and
 * every refused message (a notice and a line in the update log). Calls `changed` on every change
 * of the connection's state. Returns the undo.
 */
export const connectionNotices = (
  connection: LiveConnection,
  notify: (level: 'error' | 'warning', text: string) => number,
  dismiss: (id: number) => void,
  log: OpLog,
  changed: (logChanged: boolean) => void,
): (() => void) => {
  /** url → the id of its "cannot be reached" notice, while shown. */
  const unreachableShown = new Map<string, number>()
  const back = (url: string) => {
    const id = unreachableShown.get(url)
    if (id === undefined) return
    unreachableShown.delete(url)
    dismiss(id)
  }
  let relayRefusal: string | null = null
  const unsubscribe = connection.subscribe(() => {
    const snap = connection.getSnapshot()
    for (const s of snap.signaling) {
      if (s.state === 'unreachable' && !unreachableShown.has(s.url))
        unreachableShown.set(
          s.url,
          notify(
            'error',
            `The signaling server ${s.url} cannot be reached. Tabs of this browser still sync; other devices cannot join until it answers (the page keeps trying).`,
          ),
        )
      if (s.state === 'connected') back(s.url)
    }
    const relay = snap.relay
    if (relay !== null) {
      // The relay and a signaling server may share an address (npm start): one notice each, told apart by key.
      const key = `relay ${relay.url}`
      if (relay.state === 'unreachable' && !unreachableShown.has(key))
        unreachableShown.set(
          key,
          notify(
            'error',
            `The relay ${relay.url} cannot be reached. Replicas that reach this one directly still sync; those that cannot (on Wi-Fi that keeps devices apart, or without WebRTC) will not until it answers. The page keeps trying, and nothing here is lost.`,
          ),
        )
      if (relay.state === 'connected') back(key)
      if (relay.refused !== null && relay.refused !== relayRefusal) notify('warning', `The relay refused a message from this replica: ${relay.refused}.`)
      relayRefusal = relay.refused
    }
    changed(false)
  })
  const unrejected = connection.onRejected((r) => {
    notify(
      'error',
      `Refused a malformed message from ${r.via}${r.peerId ? ` (peer ${r.peerId.slice(0, 8)})` : ''}: ${r.reason}. This replica is unchanged and keeps working.`,
    )
    log.append({ time: Date.now(), dir: 'rejected', peer: `via ${r.via}`, bytes: r.bytes, summary: r.reason })
    changed(true)
  })
  return () => {
    unsubscribe()
    unrejected()
  }
}
