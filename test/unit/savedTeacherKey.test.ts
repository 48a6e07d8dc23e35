import { describe, expect, test } from 'vitest'
import { holdsTeacherKey, type KeyStorage, saveTeacherSecret, savedTeacherSecret } from '../../src/app/present/savedTeacherKey'

const memory = (): KeyStorage & { items: Map<string, string> } => {
  const items = new Map<string, string>()
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) }
}

describe("the teacher's key kept per room on the teacher's device", () => {
  test('kept under aprime.teacher.<room>, read back for that room only', () => {
    const s = memory()
    const key = 'ab'.repeat(32)
    expect(saveTeacherSecret(s, 'room-1', key)).toBe(true)
    expect(s.items.get('aprime.teacher.room-1')).toBe(key)
    expect(savedTeacherSecret(s, 'room-1')).toBe(key)
    expect(savedTeacherSecret(s, 'room-2')).toBeNull()
    expect(holdsTeacherKey(s, 'room-1')).toBe(true)
    expect(holdsTeacherKey(s, 'room-2')).toBe(false)
  })

  test('what is kept but is not a key is ignored; a device that cannot keep it says so; nothing throws', () => {
    const s = memory()
    s.items.set('aprime.teacher.r', 'not a key')
    expect(savedTeacherSecret(s, 'r')).toBeNull()
    const broken: KeyStorage = {
      getItem: () => {
        throw new Error('denied')
      },
      setItem: () => {
        throw new Error('quota')
      },
    }
    expect(savedTeacherSecret(broken, 'r')).toBeNull()
    expect(saveTeacherSecret(broken, 'r', 'ab'.repeat(32))).toBe(false)
    expect(saveTeacherSecret(null, 'r', 'ab'.repeat(32))).toBe(false)
    expect(savedTeacherSecret(null, 'r')).toBeNull()
  })
})
