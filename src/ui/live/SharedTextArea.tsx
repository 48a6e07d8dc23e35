import { useEffect, useRef } from 'react'
import { bindTextarea } from '../widgets/bindTextarea'
import { useLive } from './liveContext'

/** The shared text: a real collaborative binding to `doc.getText('text')`. */
export const SharedTextArea = () => {
  const text = useLive((s) => s.sharedText)
  const ref = useRef<HTMLTextAreaElement>(null)
  useEffect(() => bindTextarea(ref.current!, text), [text])
  return (
    <section className="card play-text" aria-labelledby="shared-text-title">
      <h2 id="shared-text-title">Text</h2>
      <textarea
        ref={ref}
        aria-label="Shared text"
        className="shared-text"
        placeholder="Type here. Every replica in the room sees it."
        spellCheck={false}
        rows={6}
      />
    </section>
  )
}
