// @vitest-environment happy-dom
import fc from 'fast-check'
import { afterEach, describe, expect, test, vi } from 'vitest'
import * as Y from 'yjs'
import { sharedText } from '../../src/core/schema'
import { bindTextarea, diffAtCaret, diffStrings, shiftThroughDelta } from '../../src/ui/widgets/bindTextarea'

const FC_SEED = Number(process.env.FC_SEED ?? 77_001)

const cleanups: Array<() => void> = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
  document.body.innerHTML = ''
})

const setup = (initial = '', clientID = 1) => {
  const doc = new Y.Doc()
  doc.clientID = clientID
  const text = sharedText(doc)
  if (initial !== '') text.insert(0, initial)
  const el = document.createElement('textarea')
  document.body.appendChild(el)
  const unbind = bindTextarea(el, text)
  cleanups.push(unbind, () => doc.destroy())
  const deltas: unknown[] = []
  const txns: Array<{ inserted: number; deleted: number }> = []
  text.observe((e) => deltas.push(e.delta))
  // One entry per transaction that changed the document (reading event.delta in an observer
  // opens an empty transaction of its own, so afterTransaction would count those too).
  doc.on('update', (u: Uint8Array) => {
    const { structs, ds } = Y.decodeUpdate(u)
    let deleted = 0
    for (const [, items] of ds.clients) for (const d of items) deleted += d.len
    txns.push({ inserted: structs.reduce((n, s) => n + s.length, 0), deleted })
  })
  return { doc, text, el, unbind, deltas, txns }
}

/** What a browser does when the user types (into a box that has focus): the value changes, then an input event fires. */
const type = (el: HTMLTextAreaElement, next: string, caret = next.length) => {
  el.focus()
  el.value = next
  el.setSelectionRange(caret, caret)
  el.dispatchEvent(new Event('input', { bubbles: true }))
}

/** What a user sees in a box once it has focus (a box without focus is rewritten on the next frame). */
const look = (el: HTMLTextAreaElement): string => {
  el.focus()
  return el.value
}

/** A remote replica's edit: made on another doc, applied here as an update. */
const remote = (doc: Y.Doc, edit: (t: Y.Text) => void) => {
  const other = new Y.Doc()
  other.clientID = 99
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
  const sv = Y.encodeStateVector(other)
  edit(sharedText(other))
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, sv), 'remote')
  other.destroy()
}

describe('bindTextarea: local input', () => {
  test('the textarea starts with the text', () => {
    const { el } = setup('hello')
    expect(el.value).toBe('hello')
  })

  test('typing one character is one transaction inserting one character', () => {
    const { el, text, deltas, txns } = setup('hello world')
    type(el, 'hello, world', 6)
    expect(text.toString()).toBe('hello, world')
    expect(deltas).toEqual([[{ retain: 5 }, { insert: ',' }]])
    expect(txns).toEqual([{ inserted: 1, deleted: 0 }])
    expect(el.selectionStart).toBe(6) // a local edit does not rewrite the value or move the caret
  })

  test('backspace is one delete of one character; replacing a selection is one delete plus one insert', () => {
    const { el, text, txns } = setup('hello world')
    type(el, 'hello worl')
    expect(txns).toEqual([{ inserted: 0, deleted: 1 }])
    type(el, 'hello there')
    expect(text.toString()).toBe('hello there')
    expect(txns[1]).toEqual({ inserted: 5, deleted: 4 })
  })

  test('typing into a run of equal characters inserts one, not a rewrite', () => {
    const { el, txns } = setup('aaaa')
    type(el, 'aaaaa', 2)
    expect(txns).toEqual([{ inserted: 1, deleted: 0 }])
  })

  test('an input event without a change makes no transaction', () => {
    const { el, txns } = setup('same')
    el.dispatchEvent(new Event('input'))
    expect(txns).toEqual([])
  })

  test('unbind stops both directions', () => {
    const { el, text, doc, unbind } = setup('abc')
    unbind()
    type(el, 'abcd')
    expect(text.toString()).toBe('abc')
    remote(doc, (t) => t.insert(0, 'X'))
    expect(el.value).toBe('abcd')
  })
})

describe('bindTextarea: remote changes keep the caret on the same characters', () => {
  test('in a focused box a remote change shows at once (synchronously)', () => {
    const { el, doc } = setup('hello')
    el.focus()
    remote(doc, (t) => t.insert(5, ' world'))
    expect(el.value).toBe('hello world')
  })

  test('a box without focus shows a lone change at once; more within a frame are rewritten together on the next one', async () => {
    const { el, doc } = setup('hello')
    let writes = 0
    const proto = Object.getPrototypeOf(el) as object
    const desc = Object.getOwnPropertyDescriptor(proto, 'value')!
    Object.defineProperty(el, 'value', {
      get: () => desc.get!.call(el),
      set: (v: string) => {
        writes++
        desc.set!.call(el, v)
      },
      configurable: true,
    })
    remote(doc, (t) => t.insert(5, ' world'))
    expect(el.value).toBe('hello world')
    remote(doc, (t) => t.insert(0, '> '))
    remote(doc, (t) => t.insert(0, '>'))
    expect(el.value).toBe('hello world')
    await new Promise((r) => requestAnimationFrame(r))
    expect(el.value).toBe('>> hello world')
    expect(writes).toBe(2)
  })

  test('a box without focus catches up when it gains focus, before anything is typed', () => {
    const { el, doc, text } = setup('hello')
    remote(doc, (t) => t.insert(0, 'oh '))
    type(el, 'oh hello!')
    expect(text.toString()).toBe('oh hello!')
  })

  test('remote insert before the caret shifts the selection by its length', () => {
    const { el, doc } = setup('0123456789')
    el.focus()
    el.setSelectionRange(4, 8, 'backward')
    remote(doc, (t) => t.insert(2, 'abc'))
    expect(el.value).toBe('01abc23456789')
    expect([el.selectionStart, el.selectionEnd, el.selectionDirection]).toEqual([7, 11, 'backward'])
  })

  test('remote insert after the caret leaves it where it is', () => {
    const { el, doc } = setup('0123456789')
    el.focus()
    el.setSelectionRange(4, 4)
    remote(doc, (t) => t.insert(6, 'abc'))
    expect(el.value).toBe('012345abc6789')
    expect([el.selectionStart, el.selectionEnd]).toEqual([4, 4])
  })

  test('remote insert inside the selection grows it; at the caret it stays behind the caret', () => {
    const { el, doc } = setup('0123456789')
    el.focus()
    el.setSelectionRange(2, 6)
    remote(doc, (t) => t.insert(4, 'xy'))
    expect([el.selectionStart, el.selectionEnd]).toEqual([2, 8])
    el.setSelectionRange(3, 3)
    remote(doc, (t) => t.insert(3, 'Q'))
    expect(el.value.slice(0, 5)).toBe('012Q3')
    expect([el.selectionStart, el.selectionEnd]).toEqual([3, 3])
  })

  test('remote delete spanning the caret puts the caret at the start of the deleted range', () => {
    const { el, doc } = setup('0123456789')
    el.focus()
    el.setSelectionRange(5, 5)
    remote(doc, (t) => t.delete(3, 4)) // removes 3456
    expect(el.value).toBe('012789')
    expect([el.selectionStart, el.selectionEnd]).toEqual([3, 3])
  })

  test('remote delete overlapping the start of a selection trims it', () => {
    const { el, doc } = setup('0123456789')
    el.focus()
    el.setSelectionRange(4, 9)
    remote(doc, (t) => t.delete(2, 4)) // removes 2345
    expect(el.value).toBe('016789')
    expect([el.selectionStart, el.selectionEnd]).toEqual([2, 5])
  })

  test('remote delete before the caret and insert after it, in one transaction', () => {
    const { el, doc } = setup('0123456789')
    el.focus()
    el.setSelectionRange(5, 5)
    remote(doc, (t) => {
      t.doc!.transact(() => {
        t.delete(0, 2)
        t.insert(6, 'zz')
      })
    })
    expect(el.value).toBe('234567zz89')
    expect(el.value).toBe(sharedText(doc).toString())
    expect([el.selectionStart, el.selectionEnd]).toEqual([3, 3])
  })
})

describe('bindTextarea: two replicas, two textareas', () => {
  test('concurrent edits in both textareas, then the updates cross: both converge', () => {
    const a = setup('shared text', 1)
    const b = setup('', 2)
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc), 'remote')
    expect(look(b.el)).toBe('shared text')
    const toB: Uint8Array[] = []
    const toA: Uint8Array[] = []
    a.doc.on('update', (u: Uint8Array, o: unknown) => o !== 'remote' && toB.push(u))
    b.doc.on('update', (u: Uint8Array, o: unknown) => o !== 'remote' && toA.push(u))

    type(a.el, 'A: shared text', 3)
    type(b.el, 'shared text :B')
    type(b.el, 'shared ext :B', 7)
    a.el.focus()
    a.el.setSelectionRange(3, 3)
    for (const u of toA.splice(0)) Y.applyUpdate(a.doc, u, 'remote')
    for (const u of toB.splice(0)) Y.applyUpdate(b.doc, u, 'remote')

    expect(a.el.value).toBe('A: shared ext :B')
    expect(look(b.el)).toBe(a.el.value)
    expect(a.text.toString()).toBe(a.el.value)
    expect(b.text.toString()).toBe(a.el.value)
    expect(a.el.selectionStart).toBe(3) // A's caret stayed after "A: "
  })

  test('random concurrent typing in two textareas converges (fast-check)', () => {
    console.log(`bindTextarea property: fast-check seed ${FC_SEED}`)
    const edit = fc.record({
      side: fc.constantFrom('a', 'b'),
      at: fc.nat(40),
      del: fc.nat(3),
      ins: fc.string({ maxLength: 3 }),
      flush: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 25 }), (edits) => {
        const a = setup('start', 1)
        const b = setup('', 2)
        Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc), 'remote')
        const toB: Uint8Array[] = []
        const toA: Uint8Array[] = []
        a.doc.on('update', (u: Uint8Array, o: unknown) => o !== 'remote' && toB.push(u))
        b.doc.on('update', (u: Uint8Array, o: unknown) => o !== 'remote' && toA.push(u))
        const flush = () => {
          for (const u of toA.splice(0)) Y.applyUpdate(a.doc, u, 'remote')
          for (const u of toB.splice(0)) Y.applyUpdate(b.doc, u, 'remote')
        }
        for (const e of edits) {
          const side = e.side === 'a' ? a : b
          const v = look(side.el)
          const at = e.at % (v.length + 1)
          type(side.el, v.slice(0, at) + e.ins + v.slice(at + e.del), at + e.ins.length)
          expect(side.text.toString()).toBe(side.el.value)
          if (e.flush) flush()
        }
        flush()
        expect(look(a.el)).toBe(look(b.el))
        expect(a.text.toString()).toBe(a.el.value)
        for (const c of cleanups.splice(0)) c()
      }),
      { seed: FC_SEED, numRuns: 60 },
    )
  })
})

describe('diffStrings and shiftThroughDelta', () => {
  test('diffStrings finds the one changed range, and applying it gives the new string (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.nat(20), fc.nat(5), fc.string({ maxLength: 5 }), (prev, at0, del, ins) => {
        const at = at0 % (prev.length + 1)
        const next = prev.slice(0, at) + ins + prev.slice(at + del)
        const d = diffStrings(prev, next)
        expect(prev.slice(0, d.index) + d.insert + prev.slice(d.index + d.remove)).toBe(next)
        // Never larger than the edit that was made.
        expect(d.remove).toBeLessThanOrEqual(Math.min(del, prev.length - at))
        expect(d.insert.length).toBeLessThanOrEqual(ins.length)
      }),
      { seed: FC_SEED, numRuns: 300 },
    )
    expect(diffStrings('abc', 'abc')).toEqual({ index: 3, remove: 0, insert: '' })
  })

  test('shiftThroughDelta', () => {
    expect(shiftThroughDelta(5, [{ retain: 2 }, { insert: 'abc' }])).toBe(8)
    expect(shiftThroughDelta(2, [{ retain: 2 }, { insert: 'abc' }])).toBe(2)
    expect(shiftThroughDelta(5, [{ retain: 6 }, { insert: 'abc' }])).toBe(5)
    expect(shiftThroughDelta(5, [{ retain: 3 }, { delete: 4 }])).toBe(3)
    expect(shiftThroughDelta(9, [{ retain: 3 }, { delete: 4 }])).toBe(5)
    expect(shiftThroughDelta(5, [{ delete: 2 }, { retain: 4 }, { insert: 'zz' }])).toBe(3)
  })
})

describe('diffAtCaret: edits inside a run of equal characters land where the caret says', () => {
  test('an insert typed before an equal character is placed before it', () => {
    expect(diffAtCaret('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' })
    expect(diffAtCaret('x[y', 'x[[y', 2)).toEqual({ index: 1, remove: 0, insert: '[' })
  })
  test('a backspace inside a run deletes the character left of the caret', () => {
    expect(diffAtCaret('aaa', 'aa', 0)).toEqual({ index: 0, remove: 1, insert: '' })
  })
  test('without a run it is the plain diff', () => {
    expect(diffAtCaret('hello', 'help lo', 4)).toEqual(diffStrings('hello', 'help lo'))
  })
})

describe('bindTextarea with unfocusedEveryMs (a page of many boxes)', () => {
  const setupThrottled = (initial: string) => {
    const doc = new Y.Doc()
    doc.clientID = 1
    const text = sharedText(doc)
    text.insert(0, initial)
    const el = document.createElement('textarea')
    document.body.appendChild(el)
    cleanups.push(bindTextarea(el, text, { unfocusedEveryMs: 100 }), () => doc.destroy())
    return { doc, el }
  }

  test('a box without focus shows remote changes once, after the interval, with all of them', () => {
    vi.useFakeTimers()
    try {
      const { el, doc } = setupThrottled('hello')
      remote(doc, (t) => t.insert(5, ' world'))
      remote(doc, (t) => t.insert(0, '> '))
      expect(el.value).toBe('hello')
      vi.advanceTimersByTime(100)
      expect(el.value).toBe('> hello world')
    } finally {
      vi.useRealTimers()
    }
  })

  test('it catches up when it gains focus, and a focused box shows changes at once', () => {
    vi.useFakeTimers()
    try {
      const { el, doc } = setupThrottled('hello')
      remote(doc, (t) => t.insert(5, '!'))
      expect(el.value).toBe('hello')
      el.focus()
      expect(el.value).toBe('hello!')
      remote(doc, (t) => t.insert(0, 'oh '))
      expect(el.value).toBe('oh hello!')
    } finally {
      vi.useRealTimers()
    }
  })
})
