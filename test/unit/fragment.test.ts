import { describe, expect, test } from 'vitest'
import { fragmentParams, passwordFromHash, withFragmentParam } from '../../src/core/fragment'
import { looksEncrypted } from '../../src/net/roomCrypto'

describe('URL fragment parameters', () => {
  test('reads key=value pairs and keeps unknown keys when one is set or removed', () => {
    expect(fragmentParams('#password=s3cret&key=abc').get('key')).toBe('abc')
    expect(passwordFromHash('#key=abc&password=a%20b%26c')).toBe('a b&c')
    expect(passwordFromHash('#key=abc')).toBeNull()
    expect(passwordFromHash('#password=')).toBeNull()
    expect(passwordFromHash('')).toBeNull()
    const href = 'https://x.example/app/?room=r1#key=abc&other=1'
    const set = withFragmentParam(href, 'password', 'p w&=')
    expect(new URL(set).search).toBe('?room=r1')
    expect(passwordFromHash(new URL(set).hash)).toBe('p w&=')
    expect(fragmentParams(new URL(set).hash).get('key')).toBe('abc')
    expect(fragmentParams(new URL(set).hash).get('other')).toBe('1')
    const removed = withFragmentParam(set, 'password', '')
    expect(removed).toBe('https://x.example/app/?room=r1#key=abc&other=1')
    expect(withFragmentParam('https://x.example/?room=r#password=a', 'password', null)).toBe('https://x.example/?room=r')
  })

  test('a password never goes into the query', () => {
    const out = withFragmentParam('https://x.example/?room=r', 'password', 'pw')
    expect(new URL(out).searchParams.has('password')).toBe(false)
  })
})

describe('looksEncrypted', () => {
  test('tells y-webrtc sealed messages from plain ones', () => {
    const sealed = Uint8Array.from([7, ...new TextEncoder().encode('AES-GCM'), 12, ...new Array(12).fill(1), 3, 1, 2, 3])
    expect(looksEncrypted(sealed)).toBe(true)
    for (const plain of [[0, 0, 1, 0], [1, 5, 1, 2, 3, 4, 5], [3], [4, 1, 1, 65], [7, 65, 69, 83, 45, 71, 67, 78, 1]]) {
      expect(looksEncrypted(Uint8Array.from(plain))).toBe(false)
    }
    expect(looksEncrypted('AES-GCM')).toBe(false)
  })
})
