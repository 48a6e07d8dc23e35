import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { cookieSlots, sessionSlots } from '../../src/app/live/journalSlots'
import { RESERVE_KEY, UpdateJournal } from '../../src/app/live/UpdateJournal'
import { encodeJournal } from '../../src/core/journalCodec'

/** localStorage's contract over a Map, with a quota in characters and a count of characters written. */
class MemoryStorage implements Storage {
  private map = new Map<string, string>()
  written = 0
  constructor(public quota = Number.POSITIVE_INFINITY) {}
  get length() {
    return this.map.size
  }
  used(): number {
    let n = 0
    for (const [k, v] of this.map) n += k.length + v.length
    return n
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null
  }
  getItem(k: string) {
    return this.map.get(k) ?? null
  }
  setItem(k: string, v: string) {
    const grow = k.length + v.length - (this.map.has(k) ? k.length + (this.map.get(k) as string).length : 0)
    if (this.used() + grow > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    this.written += v.length
    this.map.set(k, v)
  }
  removeItem(k: string) {
    this.map.delete(k)
  }
  clear() {
    this.map.clear()
  }
}

const keystrokes = (n: number): Uint8Array[] => {
  const w = new Y.Doc()
  const out: Uint8Array[] = []
  w.on('update', (u: Uint8Array) => out.push(u))
  for (let i = 0; i < n; i++) w.getText('text').insert(i, 'k')
  return out
}

const replay = (updates: Uint8Array[]): string => {
  const d = new Y.Doc()
  for (const u of updates) Y.applyUpdate(d, u)
  return d.getText('text').toString()
}

describe('UpdateJournal', () => {
  test('writes each update under its own key: what a record writes does not grow with the journal', () => {
    const storage = new MemoryStorage()
    const journal = new UpdateJournal(storage, 'r', 'tab')
    const updates = keystrokes(2000)
    const perRecord: number[] = []
    for (const u of updates) {
      const before = storage.written
      journal.record(u)
      perRecord.push(storage.written - before)
    }
    // Merges are rare and each covers at least as many bytes as the last one: the total stays linear.
    const total = perRecord.reduce((a, b) => a + b, 0)
    const own = updates.reduce((a, u) => a + Math.ceil(u.byteLength / 3) * 4, 0)
    expect(total).toBeLessThan(3 * own)
    expect(perRecord.filter((n) => n > 200).length).toBeLessThan(12)
    const { updates: back, problems } = UpdateJournal.takeAll(storage, 'r')
    expect(problems).toEqual([])
    expect(replay(back)).toBe('k'.repeat(2000))
    expect(UpdateJournal.any(storage, 'r')).toBe(false)
  })

  test('release drops what IndexedDB confirmed, key by key', () => {
    const storage = new MemoryStorage()
    const journal = new UpdateJournal(storage, 'r', 'tab')
    const [a, b, c] = keystrokes(3)
    journal.record(a)
    journal.record(b)
    const mark = journal.mark()
    journal.record(c)
    journal.release(mark)
    expect(journal.size).toBe(1)
    const { updates } = UpdateJournal.takeAll(storage, 'r')
    expect(updates).toEqual([c])
  })

  test("reads an earlier build's list, and sets aside only the entry that does not read", () => {
    const storage = new MemoryStorage()
    const [a, b, c] = keystrokes(3)
    storage.setItem('aprime.journal/r/old-tab', encodeJournal([a, b]))
    storage.setItem('aprime.journal/r/third-tab/7', '%%% not base64')
    const journal = new UpdateJournal(storage, 'r', 'new-tab')
    journal.record(c)
    const { updates, problems } = UpdateJournal.takeAll(storage, 'r')
    expect(replay(updates)).toBe('kkk')
    expect(problems).toEqual(['an unsaved-edits journal entry could not be read (an entry is not an update in base64) and was dropped'])
  })

  test('a full storage gives up the reserve so the last edit is still kept, and says so once', () => {
    const storage = new MemoryStorage()
    const journal = new UpdateJournal(storage, 'r', 'tab')
    expect(storage.getItem(RESERVE_KEY)).not.toBeNull()
    // Something else fills the storage to its quota.
    storage.quota = storage.used() + 10
    const updates = keystrokes(5)
    for (const u of updates) journal.record(u)
    expect(journal.usedReserve).toBe(true)
    expect(journal.problem).toBeNull()
    expect(storage.getItem(RESERVE_KEY)).toBeNull()
    expect(replay(UpdateJournal.takeAll(storage, 'r').updates)).toBe('kkkkk')
  })

  test('with no reserve left, a failed write is one problem, not one per keystroke', () => {
    const storage = new MemoryStorage()
    storage.setItem(RESERVE_KEY, '')
    storage.removeItem(RESERVE_KEY)
    storage.quota = 0
    const journal = new UpdateJournal(storage, 'r', 'tab')
    for (const u of keystrokes(3)) journal.record(u)
    expect(journal.problem).toMatch(/quota/)
  })

  test('storage full from the start (no reserve ever set): refused entries go to the slot, merged, and come back on the next load', () => {
    const storage = new MemoryStorage(0)
    const session = new MemoryStorage()
    const slots = sessionSlots(session)
    const journal = new UpdateJournal(storage, 'r', 'tab', slots)
    expect(storage.getItem(RESERVE_KEY)).toBeNull()
    const [a, b, c] = keystrokes(3)
    journal.record(a)
    journal.record(b)
    expect(journal.problem).toBeNull()
    expect(journal.usedSlot).toMatch(/session storage/)
    // One slot for the tab, rewritten: not a key per keystroke.
    expect(session.length).toBe(1)
    expect(UpdateJournal.any(storage, 'r', slots)).toBe(true)
    // What IndexedDB confirmed leaves the slot; the rest stays.
    const mark = journal.mark()
    journal.record(c)
    journal.release(mark)
    const { updates, problems } = UpdateJournal.takeAll(storage, 'r', slots)
    expect(problems).toEqual([])
    expect(updates.length).toBe(1)
    const d = new Y.Doc()
    for (const u of [a, b, ...updates]) Y.applyUpdate(d, u)
    expect(d.getText('text').toString()).toBe('kkk')
    expect(session.length).toBe(0)
    // Everything confirmed: the slot is emptied, not left behind.
    journal.release(journal.mark())
    expect(session.length).toBe(0)
  })

  test('when the slot is full too, the edit is one problem in words', () => {
    const slots = sessionSlots(new MemoryStorage(0))
    const journal = new UpdateJournal(new MemoryStorage(0), 'r', 'tab', slots)
    for (const u of keystrokes(3)) journal.record(u)
    expect(journal.usedSlot).toBeNull()
    expect(journal.problem).toMatch(/quota/)
  })

  test('the cookie slot: one cookie per tab under the page path, only this room read back, emptied once read', () => {
    // document.cookie's contract, for what the slots use: set one "name=value; attributes", read "a=1; b=2".
    const jar = new Map<string, string>()
    const doc = {
      get cookie() {
        return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
      },
      set cookie(line: string) {
        const [pair, ...attrs] = line.split('; ')
        const eq = pair.indexOf('=')
        if (attrs.includes('max-age=0')) jar.delete(pair.slice(0, eq))
        else jar.set(pair.slice(0, eq), pair.slice(eq + 1))
        expect(attrs).toContain('path=/aprime/')
      },
    }
    const slots = cookieSlots(doc, '/aprime/')
    const [a, b] = keystrokes(2)
    const one = new UpdateJournal(new MemoryStorage(0), 'room one', 'tab-1', slots)
    const two = new UpdateJournal(new MemoryStorage(0), 'room two', 'tab-2', slots)
    one.record(a)
    two.record(b)
    expect(one.usedSlot).toMatch(/cookie/)
    expect(jar.size).toBe(2)
    expect(slots.has('room one')).toBe(true)
    const { updates } = UpdateJournal.takeAll(null, 'room one', slots)
    expect(updates).toEqual([a])
    expect([...jar.keys()]).toEqual(['aprime-journal-tab-2'])
    // A slot too large for a cookie is refused, never cut.
    const big = new Uint8Array(5000).fill(7)
    expect(slots.write('room one', 'tab-1', Buffer.from(big).toString('base64'))).toBe(false)
  })
})
