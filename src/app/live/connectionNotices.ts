import type { OpLog } from '../../core/oplog'
import type { LiveConnection } from '../../net/LiveConnection'

/**
 * What the page says about its connection: once when a signaling server or the relay becomes
 * unreachable (again after it came back), the relay's refusals, and every refused message (a
 * notice and a line in the update log). Calls `changed` on every change of the connection's
 * state. Returns the undo.
 */
export const connectionNotices = (
  connection: LiveConnection,
  notify: (level: 'error' | 'warning', text: string) => void,
  log: OpLog,
  changed: (logChanged: boolean) => void,
): (() => void) => {
  const unreachableShown = new Set<string>()
  let relayRefusal: string | null = null
  const unsubscribe = connection.subscribe(() => {
    const snap = connection.getSnapshot()
    for (const s of snap.signaling) {
      if (s.state === 'unreachable' && !unreachableShown.has(s.url)) {
        unreachableShown.add(s.url)
        notify(
          'error',
          `The signaling server ${s.url} cannot be reached. Tabs of this browser still sync; other devices cannot join until it answers (the page keeps trying).`,
        )
      }
      if (s.state === 'connected') unreachableShown.delete(s.url)
    }
    const relay = snap.relay
    if (relay !== null) {
      if (relay.state === 'unreachable' && !unreachableShown.has(relay.url)) {
        unreachableShown.add(relay.url)
        notify(
          'error',
          `The relay ${relay.url} cannot be reached. Replicas that reach this one directly still sync; those that cannot (on Wi-Fi that keeps devices apart, or without WebRTC) will not until it answers. The page keeps trying, and nothing here is lost.`,
        )
      }
      if (relay.state === 'connected') unreachableShown.delete(relay.url)
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
