import { describe, expect, test } from 'vitest'
import { plainMessage } from '../../src/core/plainMessage'

describe('plainMessage', () => {
  test('keeps a message about the input, without binary characters, at most 160 characters', () => {
    expect(plainMessage(new Error('Unexpected token \u0000\u0001\u0002 in JSON at position 3'), 'x')).toBe('Unexpected token in JSON at position 3')
    expect(plainMessage(new Error('y'.repeat(400)), 'x')).toHaveLength(158)
  })

  test('says `instead` for messages about the program\'s insides', () => {
    for (const m of ['Qo[(t & 31)] is not a function', 'Failed to fetch', "Cannot read properties of undefined (reading 'x')", '\ufffd\ufffd'])
      expect(plainMessage(new TypeError(m), 'The file is not a trace.')).toBe('The file is not a trace.')
  })
})
