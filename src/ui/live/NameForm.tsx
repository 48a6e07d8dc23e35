import { type FormEvent, useState } from 'react'
import { NAME_MAX } from '../../core/names'
import { useLive } from './liveContext'

/**
 * Asks for this person's name (kept in this browser). Whatever is typed is cleaned by the app
 * (markup, control characters, at most NAME_MAX characters) and a notice says what changed.
 */
export const NameForm = ({ onDone, first = false }: { onDone?: () => void; first?: boolean }) => {
  const name = useLive((s) => s.self.name)
  const setName = useLive((s) => s.actions.setName)
  const [draft, setDraft] = useState(first ? '' : name)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setName(draft)
    onDone?.()
  }
  return (
    <form className="name-form" onSubmit={submit} aria-label="Your name">
      <label htmlFor="name-input">{first ? 'Your name, as the others will see it:' : 'Your name:'}</label>
      <div className="name-row">
        <input
          id="name-input"
          className="name-input"
          value={draft}
          placeholder={name}
          maxLength={NAME_MAX * 4}
          autoComplete="nickname"
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className="primary">
          Save
        </button>
        {first && (
          <button
            type="button"
            onClick={() => {
              setName('')
              onDone?.()
            }}
          >
            Keep “{name}”
          </button>
        )}
      </div>
    </form>
  )
}

/** Shown once per browser until the person names it (or keeps the suggested name). */
export const NameCard = () => {
  const asked = useLive((s) => s.nameAsked)
  if (asked) return null
  return (
    <section className="card name-card" aria-label="Choose a name">
      <NameForm first />
    </section>
  )
}
