import { describe, expect, test } from 'vitest'
import { NAME_MAX, cleanName, defaultName, nameChangeMessage, shownName, uniqueName } from '../../src/core/names'
import { readUser } from '../../src/core/replicaUser'
import { colorAt, colorIndexOf } from '../../src/core/colors'

describe('cleanName', () => {
  test('a plain name passes unchanged', () => {
    expect(cleanName('Ana')).toEqual({ name: 'Ana', changes: [] })
    expect(cleanName('  José   María ')).toEqual({ name: 'José María', changes: [] })
    expect(nameChangeMessage(cleanName('Ana'))).toBeNull()
  })

  test('10,000 characters are cut to NAME_MAX, with a message', () => {
    const c = cleanName('x'.repeat(10_000))
    expect(c.name).toBe('x'.repeat(NAME_MAX))
    expect(c.changes).toContain(`cut to ${NAME_MAX} characters`)
    expect(nameChangeMessage(c)).toMatch(/cut to 40 characters/)
  })

  test('markup is removed, the text inside kept', () => {
    const c = cleanName('<img src=x onerror=alert(1)><b>Ben</b>')
    expect(c.name).toBe('Ben')
    expect(c.changes).toContain('markup removed')
    expect(cleanName('a < b').name).toBe('a b')
    expect(cleanName('<script>').name).toBeNull()
  })

  test('control characters and bidi overrides go; emoji sequences stay whole', () => {
    expect(cleanName('Ana\u202Egnp.exe').name).toBe('Anagnp.exe')
    expect(cleanName('A\u0000B\nC').name).toBe('AB C')
    const family = '👩‍👩‍👧'
    expect(cleanName(family).name).toBe(family)
    // Cutting never splits a grapheme: 41 family emoji become 40 whole ones.
    const long = cleanName(family.repeat(41))
    expect(long.name).toBe(family.repeat(40))
  })

  test('non-strings and empty names give null (the default name is used)', () => {
    for (const v of [undefined, null, 42, {}, ['Ana'], '', '   ', '\u202E']) expect(cleanName(v).name).toBeNull()
    expect(nameChangeMessage(cleanName(42))).toMatch(/could not be used/)
  })
})

describe('default names', () => {
  test('colour word and two digits of the clientID', () => {
    expect(defaultName(0, 1234567803)).toBe('Blue 3')
    expect(defaultName(1, 42)).toBe('Orange 42')
    expect(defaultName(20, 7)).toBe('Colour 21 7')
    expect(shownName(undefined, 2, 5)).toBe('Green 5')
    expect(shownName('<i>Zoë</i>', 2, 5)).toBe('Zoë')
  })
})

describe('readUser: a peer can publish anything', () => {
  test('a well-formed user', () => {
    const u = readUser(7, { name: 'Ana', color: colorAt(3), joined: 1000 })
    expect(u).toEqual({ clientID: 7, name: 'Ana', defaultNamed: false, color: colorAt(3), colorIndex: 3, joined: 1000, claimed: true })
  })

  test('hostile values are cleaned or replaced', () => {
    const u = readUser(99, { name: `<b>${'y'.repeat(5000)}</b>`, color: 'url(javascript:alert(1))', joined: 'soon' })
    expect(u.name).toBe('y'.repeat(NAME_MAX))
    expect(u.color).toBe(colorAt(colorIndexOf(99)))
    expect(u.claimed).toBe(false)
    expect(u.joined).toBe(Number.POSITIVE_INFINITY)
    for (const raw of [undefined, null, 'Ana', 5, { name: { toString: 'x' } }]) {
      const r = readUser(12, raw)
      expect(r.defaultNamed).toBe(true)
      expect(r.name).toBe(defaultName(r.colorIndex, 12))
    }
  })
})

describe('uniqueName: tabs of one browser share the stored name', () => {
  const self = { clientID: 50, joined: 200 }
  test('the later of two "Ana"s adds its colour; the earlier keeps the plain name', () => {
    expect(uniqueName('Ana', 1, self, [{ clientID: 7, name: 'ana', joined: 100 }])).toBe('Ana (Orange)')
    expect(uniqueName('Ana', 0, { clientID: 7, joined: 100 }, [{ clientID: 50, name: 'Ana', joined: 200 }])).toBe('Ana')
    // Same join time: the lower clientID keeps it.
    expect(uniqueName('Ana', 2, self, [{ clientID: 49, name: 'Ana', joined: 200 }])).toBe('Ana (Green)')
    expect(uniqueName('Ana', 2, self, [{ clientID: 51, name: 'Ana', joined: 200 }])).toBe('Ana')
    expect(uniqueName('Ana', 2, self, [{ clientID: 7, name: 'Ben', joined: 1 }])).toBe('Ana')
  })

  test('a long name keeps its suffix within NAME_MAX, so readers (who cut there) still tell them apart', () => {
    const long = 'z'.repeat(NAME_MAX)
    const out = uniqueName(long, 3, self, [{ clientID: 7, name: long, joined: 1 }])
    expect(Array.from(out).length).toBeLessThanOrEqual(NAME_MAX)
    expect(out.endsWith(' (Purple)')).toBe(true)
    expect(cleanName(out).name).toBe(out)
  })
})
