import { useState } from 'react'
import { shortDigest } from '../../core/digest'
import { opCount } from '../../core/stateVector'
import { ReplicaBadge } from '../widgets/ReplicaBadge'
import { useLive } from './liveContext'
import { NameForm } from './NameForm'
import { useNames } from './useNames'

/** This replica's own state: who it is, its code, its digest, what it holds and what waits. */
export const SelfPanel = () => {
  const self = useLive((s) => s.self)
  const online = useLive((s) => s.online)
  const who = useNames()
  const [renaming, setRenaming] = useState(false)
  // No digest yet: the room is opening, or its first frame only painted it (computed the next).
  const known = self.digest !== ''
  return (
    <section className="card self" style={{ borderColor: self.color }} aria-labelledby="self-title">
      <h2 id="self-title">
        This tab: <ReplicaBadge clientID={self.clientID} label={self.name} color={self.color} />{' '}
        <span className="muted">(A in the verdicts) {online ? 'on the network' : 'off the network'}</span>
        <button type="button" className="link small" onClick={() => setRenaming((v) => !v)} aria-expanded={renaming}>
          Rename
        </button>
      </h2>
      {renaming && <NameForm onDone={() => setRenaming(false)} />}
      <dl className="facts">
        <dt>client id</dt>
        <dd className="mono">{self.clientID}</dd>
        <dt>code</dt>
        <dd className="mono" data-testid="self-code">
          {self.code}
        </dd>
        <dt>state digest</dt>
        <dd className="mono digest" data-testid="self-digest" title={self.digest}>
          {known ? shortDigest(self.digest) : '…'}
        </dd>
        <dt>ops held</dt>
        <dd>{known ? opCount(self.sv) : '…'}</dd>
        <dt>pending</dt>
        <dd data-testid="self-pending">
          {!known
            ? '…'
            : self.pending.has
            ? `yes: ${self.pending.bytes} bytes waiting for ${Object.keys(self.pending.waitingOn)
                .map((c) => who(Number(c)).name)
                .join(', ')}`
            : 'none'}
        </dd>
      </dl>
    </section>
  )
}
