/**
 * y-webrtc decrypts signaling messages with the room key and leaves a failure unhandled: a peer
 * with another password in the same room then fills the console with rejected promises. This
 * takes those (an AES-GCM `OperationError`) as what they mean, a message sealed with another
 * password, and reports them instead. Returns the undo.
 */
export const watchUndecryptable = (onUndecryptable: () => void): (() => void) => {
  if (typeof window === 'undefined') return () => {}
  const listener = (e: PromiseRejectionEvent) => {
    if (e.reason instanceof DOMException && e.reason.name === 'OperationError') {
      e.preventDefault()
      onUndecryptable()
    }
  }
  window.addEventListener('unhandledrejection', listener)
  return () => window.removeEventListener('unhandledrejection', listener)
}
