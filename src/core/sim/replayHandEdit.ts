import * as Y from 'yjs'
import { LabEdit } from './origins'
import { validateUpdate } from '../validate'

/**
 * Re-applies a replica's own recorded hand edit (its update bytes) to its document, as a local
 * edit whose broadcast carries exactly the recorded bytes (LabEdit 'replayed').
 *
 * applyUpdate runs a remote transaction: observers see it as remote, so Y.Text drops its
 * position cache as it must after ops it did not make through its own API. But Yjs would then
 * take ops under the document's own clientID for a clash and switch to a random clientID. So the
 * transaction is marked local in 'afterTransaction', after the observers and before that check.
 * Throws UpdateRejectedError when the bytes are not a valid update (an imported file).
 */
export const replayHandEdit = (doc: Y.Doc, update: Uint8Array, label: string): void => {
  const check = validateUpdate(update)
  if (!check.ok) throw check.error
  const origin = new LabEdit('replayed', label, null, update)
  const markLocal = (tr: Y.Transaction) => {
    if (tr.origin === origin) tr.local = true
  }
  doc.on('afterTransaction', markLocal)
  try {
    Y.applyUpdate(doc, update, origin)
  } finally {
    doc.off('afterTransaction', markLocal)
  }
}
