import { useEffect, useRef } from 'react'
import type * as Y from 'yjs'
import { bindTextarea } from './bindTextarea'

/** A textarea bound to a Y.Text (accessible name "Shared text"): the same widget in every view. */
export const SharedTextBox = ({ text, rows = 6, className }: { text: Y.Text; rows?: number; className?: string }) => {
  const ref = useRef<HTMLTextAreaElement>(null)
  useEffect(() => bindTextarea(ref.current!, text), [text])
  return (
    <textarea
      ref={ref}
      aria-label="Shared text"
      className={`shared-text${className ? ` ${className}` : ''}`}
      placeholder="Type here. Every replica in the room sees it."
      spellCheck={false}
      rows={rows}
    />
  )
}
