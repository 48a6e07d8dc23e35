import { useEffect, useRef } from 'react'
import type * as Y from 'yjs'
import { bindTextarea } from './bindTextarea'

/**
 * A textarea bound to a Y.Text (accessible name "Shared text"): the same widget in every view.
 * `unfocusedEveryMs`: see bindTextarea (a page with many boxes). `readOnly`: shown, not editable
 * (while a room is opening).
 */
export const SharedTextBox = ({
  text,
  rows = 6,
  className,
  unfocusedEveryMs,
  readOnly = false,
}: { text: Y.Text; rows?: number; className?: string; unfocusedEveryMs?: number; readOnly?: boolean }) => {
  const ref = useRef<HTMLTextAreaElement>(null)
  useEffect(() => bindTextarea(ref.current!, text, { unfocusedEveryMs }), [text, unfocusedEveryMs])
  return (
    <textarea
      ref={ref}
      aria-label="Shared text"
      className={`shared-text${className ? ` ${className}` : ''}`}
      placeholder="Type here. Every replica in the room sees it."
      spellCheck={false}
      rows={rows}
      readOnly={readOnly}
      aria-busy={readOnly || undefined}
    />
  )
}
