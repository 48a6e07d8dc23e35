// The baseline for the keystroke-latency benchmark: the least a Yjs + y-webrtc page must do to
// share a textarea. No validation, no log, no diagnostics.
import { WebrtcProvider } from 'y-webrtc'
import * as Y from 'yjs'

const params = new URLSearchParams(location.search)
const room = params.get('room') ?? 'bare'
// ?gc=0 keeps deleted content, as the live room does (for undo and versions): the soak's control.
const doc = new Y.Doc({ gc: params.get('gc') !== '0' })
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
