import { SharedTextBox } from '../widgets/SharedTextBox'
import { useLive } from './liveContext'

/** The shared text: a real collaborative binding to `doc.getText('text')`. */
export const SharedTextArea = () => {
  const text = useLive((s) => s.sharedText)
  const opening = useLive((s) => s.opening)
  return (
    <section className="card play-text" aria-labelledby="shared-text-title">
      <h2 id="shared-text-title">Text</h2>
      <SharedTextBox text={text} readOnly={opening} />
    </section>
  )
}
