import { expect, openLive, test, uniqueRoom } from './fixtures'

// The suite relies on the fixture failing any test whose pages throw (its teardown asserts that
// `pageErrors` is empty). Check that errors of every kind of page do reach it.
test('uncaught errors in any page reach the page-error guard', async ({ context, newContext, pageErrors }) => {
  const throwSoon = () =>
    setTimeout(() => {
      throw new Error('deliberate uncaught error')
    }, 0)
  const inDefault = await openLive(context, { room: uniqueRoom('guard'), signaling: '' })
  await inDefault.evaluate(throwSoon)
  await expect.poll(() => pageErrors.length).toBe(1)

  const inOther = await openLive(await newContext(), { room: uniqueRoom('guard'), signaling: '' })
  await inOther.evaluate(throwSoon)
  await expect.poll(() => pageErrors.length).toBe(2)

  const [popup] = await Promise.all([context.waitForEvent('page'), inDefault.getByRole('button', { name: 'Open another replica' }).click()])
  await popup.waitForLoadState()
  await popup.evaluate(throwSoon)
  await expect.poll(() => pageErrors.length).toBe(3)
  expect(pageErrors.every((e) => e.includes('deliberate uncaught error'))).toBe(true)

  pageErrors.length = 0 // seen and expected: let the guard's own check pass
})
