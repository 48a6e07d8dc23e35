import { createHash } from 'node:crypto'

/** Letters and digits that cannot be mistaken for one another when read off a wall (no 0/O, 1/l/I). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/**
 * Short links a student can type (`/j/k7m4`): each stands for one path and query on this server.
 * A link's code comes from its hash, so the same link gets the same code after a restart once the
 * wall registers it again. Bounded: the oldest are forgotten past `max`.
 */
export class ShortLinks {
  /** @param {number} [max] */
  constructor(max = 1000) {
    this.max = max
    /** @type {Map<string, string>} */
    this.byCode = new Map()
  }

  /**
   * The code for `target` (a path beginning with `/`, with its query and fragment), or an error.
   * @param {string} target
   * @returns {{ code: string } | { error: string }}
   */
  add(target) {
    if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return { error: 'a short link must point to a page on this server' }
    if (target.length > 2048) return { error: 'the link is too long to shorten' }
    const digest = createHash('sha256').update(target).digest()
    for (let len = 4; len <= 12; len++) {
      let code = ''
      for (let i = 0; i < len; i++) code += ALPHABET[digest[i] % ALPHABET.length]
      const held = this.byCode.get(code)
      if (held === target) return { code }
      if (held === undefined) {
        this.byCode.set(code, target)
        if (this.byCode.size > this.max) this.byCode.delete(this.byCode.keys().next().value)
        return { code }
      }
    }
    return { error: 'no free short code' }
  }

  /** @param {string} code */
  get(code) {
    return this.byCode.get(code.toLowerCase()) ?? null
  }
}
