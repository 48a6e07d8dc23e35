import { SIGNALING_URL } from '../../playwright.config'
import { docText, expect, linkTo, openLive, sharedText, test, toFront, uniqueRoom } from './fixtures'

const withPassword = (q: Record<string, string>, password: string) => `${linkTo(q)}#password=${encodeURIComponent(password)}`

test('tabs with the same password share the room; a wrong password can neither read nor change it', async ({ context }) => {
  const room = uniqueRoom('password')
  const a = await openLive(context, withPassword({ room, signaling: '' }, 'right horse'))
  const b = await openLive(context, withPassword({ room, signaling: '' }, 'right horse'))
  const wrong = await openLive(context, withPassword({ room, signaling: '' }, 'wrong'))
  const none = await openLive(context, { room, signaling: '' })
  for (const p of [a, b, wrong]) {
    await expect(p.getByTestId('password-state')).toHaveAttribute('data-state', 'on')
    // The password lives in the fragment only: never in the query the server sees.
    expect(new URL(p.url()).searchParams.has('password')).toBe(false)
  }
  await expect(a.locator('li[data-peer]')).toHaveCount(1)
  await toFront(a)
  await sharedText(a).click()
  await a.keyboard.type('for the right password only')
  await expect(sharedText(b)).toHaveValue('for the right password only')

  // The wrong password's tab sees nobody and nothing, and says why.
  await toFront(wrong)
  await expect(wrong.getByTestId('password-mismatch')).toContainText('another password')
  await sharedText(wrong).click()
  await wrong.keyboard.type('vandal')
  await expect(none.getByTestId('password-mismatch')).toContainText('uses a password')
  await toFront(none)
  await sharedText(none).click()
  await none.keyboard.type('no password')
  await a.waitForTimeout(500)
  expect(await docText(a)).toBe('for the right password only')
  expect(await docText(b)).toBe('for the right password only')
  expect(await docText(wrong)).toBe('vandal')
  expect(await docText(none)).toBe('no password')
  await expect(wrong.locator('li[data-peer]')).toHaveCount(0)
  await expect(none.locator('li[data-peer]')).toHaveCount(0)
  await expect(a.locator('li[data-peer]')).toHaveCount(1)
  // Nothing reported as a malformed message: sealed messages are told apart.
  for (const p of [a, b, wrong, none]) await expect(p.getByRole('alert').filter({ hasText: 'malformed' })).toHaveCount(0)
})

test('over WebRTC a wrong password finds nobody; the page says the password is the likely reason', async ({ newContext }) => {
  const room = uniqueRoom('password-webrtc')
  const ctxA = await newContext({ permissions: ['camera', 'microphone'] })
  const ctxB = await newContext({ permissions: ['camera', 'microphone'] })
  const ctxC = await newContext({ permissions: ['camera', 'microphone'] })
  const a = await openLive(ctxA, withPassword({ room, signaling: SIGNALING_URL }, 'p1'))
  const b = await openLive(ctxB, withPassword({ room, signaling: SIGNALING_URL }, 'p1'))
  const c = await openLive(ctxC, withPassword({ room, signaling: SIGNALING_URL }, 'p2'))
  await expect(a.locator('li[data-peer]')).toContainText('reached by WebRTC', { timeout: 15_000 })
  await sharedText(a).click()
  await a.keyboard.type('sealed')
  await expect(sharedText(b)).toHaveValue('sealed')
  await expect(c.getByTestId('password-state')).toContainText(/another password|wrong password is the likely reason/)
  await c.waitForTimeout(1000)
  expect(await docText(c)).toBe('')
  await expect(c.locator('li[data-peer]')).toHaveCount(0)
  await expect(a.locator('li[data-peer]')).toHaveCount(1)
})

test('the password can be entered in the page; the link then carries it in the fragment', async ({ context }) => {
  const room = uniqueRoom('password-form')
  const a = await openLive(context, withPassword({ room, signaling: '' }, 'typed'))
  const b = await openLive(context, { room, signaling: '', extra: 'kept' })
  await b.goto(`${linkTo({ room, signaling: '' })}#key=presenter-secret`)
  await b.getByRole('button', { name: 'Set a password' }).click()
  await b.getByLabel('Room password').fill('typed')
  await b.getByRole('button', { name: 'Join with this password' }).click()
  await expect(b.getByTestId('password-state')).toHaveAttribute('data-state', 'on')
  const frag = new URLSearchParams(new URL(b.url()).hash.slice(1))
  expect(frag.get('password')).toBe('typed')
  expect(frag.get('key')).toBe('presenter-secret')
  await toFront(a)
  await sharedText(a).click()
  await a.keyboard.type('hello')
  await expect(sharedText(b)).toHaveValue('hello')
})
