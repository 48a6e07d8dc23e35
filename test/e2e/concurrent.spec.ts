import type { BrowserContext, Page } from '@playwright/test'
import {
  caret,
  docText,
  expect,
  expectEqualVerdict,
  occurrences,
  openLive,
  placeCaret,
  selfDigest,
  sharedText,
  test,
  toFront,
  uniqueRoom,
} from './fixtures'

/** A string of about `length` characters, made of words no other writer uses, so it can be counted. */
const runOf = (tag: string, length: number): string => {
  const words: string[] = []
  for (let i = 0; words.join(' ').length < length; i++) words.push(`${tag}${i.toString().padStart(3, '0')}`)
  return `[${words.join(' ')}]`
}

const twoTabs = async (context: BrowserContext, label: string, initial: string): Promise<[Page, Page]> => {
  const room = uniqueRoom(label)
  const a = await openLive(context, { room, signaling: '' })
  const b = await openLive(context, { room, signaling: '' })
  await toFront(a)
  await sharedText(a).click()
  await a.keyboard.type(initial)
  await expect(sharedText(b)).toHaveValue(initial)
  await expectEqualVerdict(a)
  return [a, b]
}

/** Both tabs end with the same text, in the textarea and in the document, and the same digest. */
const expectConverged = async (a: Page, b: Page, length: number): Promise<string> => {
  await expect.poll(async () => (await docText(a)).length, { timeout: 15_000 }).toBe(length)
  await expect.poll(async () => (await docText(b)).length, { timeout: 15_000 }).toBe(length)
  const text = await docText(a)
  expect(await docText(b)).toBe(text)
  await expect(sharedText(a)).toHaveValue(text)
  await expect(sharedText(b)).toHaveValue(text)
  await expectEqualVerdict(a)
  await expectEqualVerdict(b)
  await expect.poll(async () => (await selfDigest(a)) === (await selfDigest(b))).toBe(true)
  return text
}

test.describe('concurrent typing in two tabs', () => {
  test('at different positions merges without loss or duplication', async ({ context }) => {
    const initial = '<start|end>'
    const [a, b] = await twoTabs(context, 'concurrent-diff', initial)
    const typedA = runOf('alpha', 300)
    const typedB = runOf('BRAVO', 300)
    await placeCaret(a, initial.length) // A types at the end
    await placeCaret(b, 0) // B types at the start
    await Promise.all([a.keyboard.type(typedA), b.keyboard.type(typedB)])

    const text = await expectConverged(a, b, initial.length + typedA.length + typedB.length)
    expect(occurrences(text, typedA)).toBe(1)
    expect(occurrences(text, typedB)).toBe(1)
    expect(occurrences(text, initial)).toBe(1)
    expect(text).toBe(typedB + initial + typedA)
  })

  test('at the same position merges without loss, duplication or interleaving', async ({ context }) => {
    const initial = '<left|right>'
    const at = '<left|'.length
    const [a, b] = await twoTabs(context, 'concurrent-same', initial)
    const typedA = runOf('alpha', 300)
    const typedB = runOf('BRAVO', 300)
    await placeCaret(a, at)
    await placeCaret(b, at)
    await Promise.all([a.keyboard.type(typedA), b.keyboard.type(typedB)])

    const text = await expectConverged(a, b, initial.length + typedA.length + typedB.length)
    // Each run stays whole (Yjs does not interleave runs typed forward), in one of the two orders.
    expect(occurrences(text, typedA)).toBe(1)
    expect(occurrences(text, typedB)).toBe(1)
    expect([`<left|${typedA}${typedB}right>`, `<left|${typedB}${typedA}right>`]).toContain(text)
  })

  test('the caret stays on its character when the other tab inserts before or after it', async ({ context }) => {
    const initial = 'hello world'
    const [a, b] = await twoTabs(context, 'caret', initial)
    const at = 'hello '.length
    await placeCaret(a, at) // A's caret sits before "world"

    // B inserts before A's caret: A's caret moves right by exactly the inserted length.
    const before = 'PREFIX-'
    await placeCaret(b, 0)
    await b.keyboard.type(before)
    await expect(sharedText(a)).toHaveValue(before + initial)
    expect(await caret(a)).toBe(at + before.length)

    // B inserts after A's caret: A's caret does not move.
    await placeCaret(b, (before + initial).length)
    await b.keyboard.type('-SUFFIX')
    await expect(sharedText(a)).toHaveValue(`${before + initial}-SUFFIX`)
    expect(await caret(a)).toBe(at + before.length)

    // What A types next lands where A's caret was: between "hello " and "world".
    await a.keyboard.type('big ')
    const expected = `${before}hello big world-SUFFIX`
    await expect(sharedText(a)).toHaveValue(expected)
    await expect(sharedText(b)).toHaveValue(expected)
    expect(await caret(a)).toBe(at + before.length + 'big '.length)

    // And while B types before it continuously, A's caret keeps following its character.
    const burst = runOf('b', 200)
    await placeCaret(b, 0)
    await Promise.all([b.keyboard.type(burst), a.keyboard.type('very ')])
    const final = `${burst}${before}hello big very world-SUFFIX`
    await expectConverged(a, b, final.length)
    expect(await docText(a)).toBe(final)
    expect(await caret(a)).toBe(final.indexOf('world'))
  })

  // The deterministic core of what the same-position test above catches now and then: the other
  // tab's character sits right at B's caret, and B types the same character there.
  test('a character typed just before an identical character from the other tab stays with its own run', async ({
    context,
  }) => {
    const initial = '<left|right>'
    const at = '<left|'.length
    const [a, b] = await twoTabs(context, 'same-char', initial)
    await placeCaret(b, at)
    await placeCaret(a, at)
    await a.keyboard.type('[')
    await expect(sharedText(b)).toHaveValue('<left|[right>')
    // A remote insert exactly at the caret does not move it: B's caret is before A's "[".
    expect(await caret(b)).toBe(at)

    await b.keyboard.type('[x') // B's "[" goes before A's "[", where B's caret is
    await expect(sharedText(a)).toHaveValue('<left|[x[right>')
    await a.keyboard.type('y') // A's caret is still right after A's own "["

    const text = await expectConverged(a, b, '<left|[x[yright>'.length)
    expect(occurrences(text, '[x'), 'what B typed, whole').toBe(1)
    expect(occurrences(text, '[y'), 'what A typed, whole').toBe(1)
    expect(text).toBe('<left|[x[yright>')
  })
})
