import { describe, expect, test } from 'vitest'
import { presenterUrl, studentUrl } from '../../src/app/present/presenterLinks'
import { presentHref } from '../../src/ui/live/NetworkBanner'

describe('classroom links', () => {
  test("the presenter's link keeps the secret in the fragment beside a password; the students' link has neither", () => {
    const href = 'http://192.168.1.20:5173/?view=present&room=r1&signaling=ws%3A%2F%2F192.168.1.20%3A4444#password=open%20sesame'
    const p = presenterUrl(href, 'ab'.repeat(32), 'cd'.repeat(32))
    expect(p.searchParams.get('teacher')).toBe('ab'.repeat(32))
    expect(p.search).not.toContain('cd'.repeat(32))
    const frag = new URLSearchParams(p.hash.slice(1))
    expect(frag.get('key')).toBe('cd'.repeat(32))
    expect(frag.get('password')).toBe('open sesame')
    const s = new URL(studentUrl(p.href, 'ab'.repeat(32)))
    expect(s.hash).toBe('')
    expect(s.searchParams.get('view')).toBeNull()
    expect(s.searchParams.get('room')).toBe('r1')
    expect(s.searchParams.get('signaling')).toBe('ws://192.168.1.20:4444')
    expect(s.searchParams.get('teacher')).toBe('ab'.repeat(32))
    expect(s.href).not.toContain('cd'.repeat(32))
  })

  test('"Present to a class" keeps the room, signaling and password, and no teacher key', () => {
    expect(presentHref('http://h:5173/?room=r1&signaling=&teacher=aa#password=pw&key=bb')).toBe('?room=r1&signaling=&view=present#password=pw')
    expect(presentHref('http://h:5173/?room=r1')).toBe('?room=r1&view=present')
  })
})
