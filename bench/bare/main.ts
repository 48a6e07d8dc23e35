// The baseline for the keystroke-latency benchmark: the least a Yjs + y-webrtc page must do to
// share a textarea. No validation, no log, no diagnostics.
import * as decoding from 'lib0/decoding'
import { WebrtcProvider } from 'y-webrtc'
import * as Y from 'yjs'

const params = new URLSearchParams(location.search)
const room = params.get('room') ?? 'bare'
// ?gc=0 keeps deleted content, as the live room does (for undo and versions): the soak's control.
const doc = new Y.Doc({ gc: params.get('gc') !== '0' })
// ?untag=1 strips the sender tag the live room's tabs put before their BroadcastChannel posts
// (src/net/broadcastTag.ts: bytes a5 7a, then a varuint), so this page reads what they send.
if (params.get('untag') === '1') {
  const desc = Object.getOwnPropertyDescriptor(BroadcastChannel.prototype, 'onmessage') as PropertyDescriptor
  const untag = (data: unknown): unknown => {
    if (!(data instanceof Uint8Array) || data[0] !== 0xa5 || data[1] !== 0x7a) return data
    const d = decoding.createDecoder(data)
    d.pos = 2
    decoding.readVarUint(d)
    return data.subarray(d.pos)
  }
  Object.defineProperty(BroadcastChannel.prototype, 'onmessage', {
    configurable: true,
    get() {
      return desc.get?.call(this)
    },
    set(f: ((e: MessageEvent) => void) | null) {
      desc.set?.call(this, f === null ? null : (e: MessageEvent) => f({ data: untag(e.data) } as MessageEvent))
    },
  })
}
const text = doc.getText('text')
new WebrtcProvider(room, doc, { signaling: [] })
const el = document.querySelector('textarea')!
let last = ''
el.addEventListener('input', () => {
  const next = el.value
  let start = 0
  while (start < last.length && start < next.length && last[start] === next[start]) start++
  let endLast = last.length
  let endNext = next.length
  while (endLast > start && endNext > start && last[endLast - 1] === next[endNext - 1]) {
    endLast--
    endNext--
  }
  last = next
  doc.transact(() => {
    if (endLast > start) text.delete(start, endLast - start)
    if (endNext > start) text.insert(start, next.slice(start, endNext))
  })
})
text.observe((_e, tr) => {
  if (tr.local) return
  last = text.toString()
  el.value = last
})
