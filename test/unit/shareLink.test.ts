import { describe, expect, test } from 'vitest'
import { parseLiveMode } from '../../src/core/liveMode'
import { fillNames, nameToken } from '../../src/core/nameTokens'
import { isLoopbackHost, shareLinkFor } from '../../src/core/shareLink'

describe('shareLinkFor', () => {
  test('a page on localhost shares the LAN address npm start gave, and says so', () => {
    const s = shareLinkFor('http://localhost:5173/?room=abc', 'http://192.168.1.20:5173')
    expect(s.link).toBe('http://192.168.1.20:5173/?room=abc')
    expect(s.localOnly).toBe(false)
    expect(s.note).toMatch(/localhost:5173.*192\.168\.1\.20:5173/)
  })

  test('loopback signaling servers in the link are moved to the LAN address too; others stay', () => {
    const s = shareLinkFor('http://127.0.0.1:5173/sub/?room=abc&signaling=ws://localhost:4444,wss://sig.example.org', 'http://10.0.0.5:5173')
    const u = new URL(s.link)
    expect(u.host).toBe('10.0.0.5:5173')
    expect(u.pathname).toBe('/sub/')
    expect(u.searchParams.get('signaling')).toBe('ws://10.0.0.5:4444,wss://sig.example.org')
  })

  test('a static build on localhost knows no LAN address: the link is marked local only, in words', () => {
    for (const lan of [undefined, null, '', 'not a url', 'http://localhost:5173']) {
      const s = shareLinkFor('http://localhost:4173/aprime/?room=abc', lan)
      expect(s.link).toBe('http://localhost:4173/aprime/?room=abc')
      expect(s.localOnly).toBe(true)
      expect(s.note).toMatch(/static build/)
    }
  })

  test('a page already on a network address or https shares itself, with nothing to say', () => {
    for (const link of ['http://192.168.1.20:5173/?room=a', 'https://user.github.io/aprime/?room=a']) {
      expect(shareLinkFor(link, 'http://192.168.1.20:5173')).toEqual({ link, note: null, localOnly: false })
    }
  })

  test('loopback hosts', () => {
    for (const h of ['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1']) expect(isLoopbackHost(h)).toBe(true)
    for (const h of ['192.168.1.2', 'example.org', '10.0.0.1', 'localhost.example.org']) expect(isLoopbackHost(h)).toBe(false)
  })
})

describe('small parsers', () => {
  test('?mode=projector', () => {
    expect(parseLiveMode('?room=a&mode=projector')).toBe('projector')
    expect(parseLiveMode('?mode=other')).toBe('normal')
    expect(parseLiveMode('')).toBe('normal')
  })

  test('name tokens are filled in when shown', () => {
    const s = `from ${nameToken(12)}, ${nameToken(7)} via BroadcastChannel`
    expect(fillNames(s, (c) => (c === 12 ? 'Ana' : `replica ${c}`))).toBe('from Ana, replica 7 via BroadcastChannel')
    expect(fillNames('plain', () => 'x')).toBe('plain')
  })
})
