import * as prng from 'lib0/prng'
import { describe, expect, test } from 'vitest'
import { checkSignalingUrl, isValidRoomName, newRoomName, normalizeRoomName, parseParams } from '../../src/core/params'

const DEFAULT = ['wss://signal.example:4444']

describe('room names', () => {
  test('normalizeRoomName: one room per name on every device, whatever the link holds', () => {
    expect(normalizeRoomName('my class room')).toBe('my-class-room')
    expect(normalizeRoomName('  Physics, 2nd year!  ')).toBe('Physics-2nd-year')
    expect(normalizeRoomName('café')).toBe('café')
    // NFD and NFC spellings of one name are one room
    expect(normalizeRoomName('cafe\u0301')).toBe('café')
    const emoji = normalizeRoomName('🎉🎉')!
    expect(emoji).toMatch(/^room-[0-9a-f]{12}$/)
    expect(normalizeRoomName('🎉🎉')).toBe(emoji)
    expect(normalizeRoomName('🎈🎈')).not.toBe(emoji)
    expect(normalizeRoomName('   ')).toBeNull()
    for (const raw of ['my class room', '🎉🎉', 'a/b?c#d', 'x'.repeat(300)]) expect(isValidRoomName(normalizeRoomName(raw)!)).toBe(true)
  })

  test('valid: letters (any script), digits, . _ ~ -, 1 to 100 characters', () => {
    for (const ok of ['a', 'room-1', 'Room_2.v~3', 'café', 'комната', '部屋', '0'.repeat(100), 'k3x9f0000000000000000000z']) {
      expect(isValidRoomName(ok), ok).toBe(true)
    }
  })

  test('invalid: empty, too long, spaces, slashes, query and URL characters, emoji', () => {
    for (const bad of ['', '0'.repeat(101), 'a b', 'a/b', 'a?b', 'a#b', 'a&b', 'a%20b', '<script>', 'a\nb', '😀', 'a+b']) {
      expect(isValidRoomName(bad), JSON.stringify(bad)).toBe(false)
    }
  })

  test('?room= takes a valid name; an empty one is reported and leaves room null; others are normalized, the same on every device', () => {
    expect(parseParams('?room=abc', DEFAULT)).toMatchObject({ room: 'abc', problems: [] })
    expect(parseParams('?room=', DEFAULT)).toMatchObject({
      room: null,
      problems: ['The link has an empty room name, so a new room was made.'],
    })
    expect(parseParams('?room=my%20class%20room', DEFAULT)).toMatchObject({
      room: 'my-class-room',
      problems: [
        'The room name "my class room" cannot be used as written (a room name is 1–100 letters, digits, . _ ~ or -): this link opens the room "my-class-room" on every device.',
      ],
    })
    expect(parseParams('?room=%F0%9F%8E%89%20party%20%F0%9F%8E%89', DEFAULT).room).toBe('party')
    const long = 'x'.repeat(150)
    const p = parseParams(`?room=${long}`, DEFAULT)
    expect(p.room).toBe('x'.repeat(100))
    expect(p.problems[0]).toContain(`"${'x'.repeat(60)}"`)
    expect(p.problems[0]).not.toContain('x'.repeat(61))
    expect(parseParams('', DEFAULT)).toMatchObject({ room: null, problems: [] })
  })
})

describe('newRoomName', () => {
  test('carries 128 bits: 4 words in, 25 base-36 characters out, and the words read back', () => {
    const seed = 0xa11ce
    console.log(`newRoomName seed ${seed}`)
    const g = prng.create(seed)
    const names = new Set<string>()
    for (let i = 0; i < 2000; i++) {
      const words: number[] = []
      const name = newRoomName(() => {
        const w = prng.uint32(g, 0, 0xffffffff)
        words.push(w)
        return w
      })
      expect(words).toHaveLength(4)
      expect(name).toMatch(/^[0-9a-z]{25}$/)
      expect(isValidRoomName(name)).toBe(true)
      let back = 0n
      for (const ch of name) back = back * 36n + BigInt(Number.parseInt(ch, 36))
      const expected = words.reduce((n, w) => (n << 32n) | BigInt(w >>> 0), 0n)
      expect(back).toBe(expected)
      names.add(name)
    }
    expect(names.size).toBe(2000)
  })

  test('extremes: all zero bits and all one bits both give 25 characters', () => {
    expect(newRoomName(() => 0)).toBe('0'.repeat(25))
    const max = newRoomName(() => 0xffffffff)
    expect(max).toHaveLength(25)
    expect(BigInt(`0x${'f'.repeat(32)}`).toString(36)).toBe(max)
    // Signed results (as from `x | 0`) are read as unsigned.
    expect(newRoomName(() => -1)).toBe(max)
  })
})

describe('signaling', () => {
  test('absent: the default list is used, and the link did not choose it', () => {
    expect(parseParams('?room=r', DEFAULT)).toMatchObject({ signaling: DEFAULT, signalingFromLink: false, problems: [] })
    expect(parseParams('', [])).toMatchObject({ signaling: [], signalingFromLink: false })
  })

  test('empty (?signaling=) means none, chosen by the link', () => {
    expect(parseParams('?signaling=', DEFAULT)).toMatchObject({ signaling: [], signalingFromLink: true, problems: [] })
    expect(parseParams('?signaling=,%20,', DEFAULT)).toMatchObject({ signaling: [], signalingFromLink: true, problems: [] })
  })

  test('several servers, trimmed, duplicates removed, order kept', () => {
    const p = parseParams('?signaling=ws://a:4444,%20wss://b.example/x%20,ws://a:4444', DEFAULT)
    expect(p.signaling).toEqual(['ws://a:4444', 'wss://b.example/x'])
    expect(p.problems).toEqual([])
  })

  test('invalid URLs are reported one by one and skipped', () => {
    const p = parseParams('?signaling=http://a:4444,nonsense,ws://ok:1,ftp://x', DEFAULT)
    expect(p.signaling).toEqual(['ws://ok:1'])
    expect(p.problems).toEqual([
      'Signaling server ignored: "http://a:4444" is not a ws:// or wss:// address.',
      'Signaling server ignored: "nonsense" is not a URL.',
      'Signaling server ignored: "ftp://x" is not a ws:// or wss:// address.',
    ])
  })

  test('checkSignalingUrl', () => {
    expect(checkSignalingUrl('ws://localhost:4444')).toBeNull()
    expect(checkSignalingUrl('wss://[::1]:4444/path')).toBeNull()
    expect(checkSignalingUrl('ws://')).toBe('"ws://" is not a URL')
    expect(checkSignalingUrl('https://x')).toBe('"https://x" is not a ws:// or wss:// address')
  })
})

describe('view', () => {
  test('live by default; lab, lecture and live by name; an unknown one reported', () => {
    expect(parseParams('', DEFAULT).view).toBe('live')
    expect(parseParams('?view=lab', DEFAULT).view).toBe('lab')
    expect(parseParams('?view=lecture&room=r', DEFAULT)).toMatchObject({ view: 'lecture', room: 'r' })
    expect(parseParams('?view=live', DEFAULT).view).toBe('live')
    expect(parseParams('?view=admin', DEFAULT)).toMatchObject({
      view: 'live',
      problems: ['There is no view called "admin"; showing the live room.'],
    })
    expect(parseParams('?view=', DEFAULT).problems).toEqual(['There is no view called ""; showing the live room.'])
  })

  test('problems from every parameter are collected in order: view, room, signaling', () => {
    const p = parseParams('?signaling=http://x&room=&view=nope', DEFAULT)
    expect(p.problems).toEqual([
      'There is no view called "nope"; showing the live room.',
      'The link has an empty room name, so a new room was made.',
      'Signaling server ignored: "http://x" is not a ws:// or wss:// address.',
    ])
  })
})
