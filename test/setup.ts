import { afterEach } from 'vitest'

// Component tests run under happy-dom (per-file `@vitest-environment happy-dom`); unmount after each.
afterEach(async () => {
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/react')
    cleanup()
  }
})
