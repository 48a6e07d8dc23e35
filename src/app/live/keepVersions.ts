import type * as Y from 'yjs'
import { restoreSnapshot } from '../../core/history/restoreSnapshot'
import { snapshotBefore } from '../../core/history/snapshotBefore'
import { VersionHistory } from '../../core/history/VersionHistory'
import type { SafetyStore } from '../../state/live/safetyStore'

/** Transaction origin of a restored version (a local change every replica receives). */
export const RESTORE_ORIGIN = Symbol('restore-version')

/**
 * The live room's short history: a version (snapshot) every few seconds while the document
 * changes, listed in the safety store; `restore(id)` brings one back. Returns its controls.
 */
export const keepVersions = (doc: Y.Doc, store: SafetyStore, notify: (level: 'info' | 'error', text: string) => void) => {
  const history = new VersionHistory(doc)
  const show = () => store.setState({ versions: history.list().map((v) => ({ id: v.id, time: v.time, label: v.label })) })
  const take = () => {
    if (history.maybeTake(Date.now()) !== null) show()
  }
  const timer = setInterval(take, 1000)
  return {
    /** Keeps the document as it was just before `tr` (call from 'afterTransaction' for a flagged transaction). */
    keepBefore: (tr: Y.Transaction, label: string) => {
      history.keep(snapshotBefore(tr), Date.now(), label)
      show()
    },
    restore: (id: number) => {
      const v = history.get(id)
      if (v === undefined) return
      try {
        restoreSnapshot(doc, v.snapshot(), RESTORE_ORIGIN)
        notify('info', `Restored the version of ${new Date(v.time).toLocaleTimeString()} (${v.label}); every replica receives it.`)
      } catch (e) {
        notify('error', `That version could not be restored: ${e instanceof Error ? e.message : String(e)}. The document is unchanged.`)
      }
    },
    destroy: () => clearInterval(timer),
  }
}
