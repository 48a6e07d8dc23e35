import { mkdirSync } from 'node:fs'
import { expect, test, uniqueRoom } from './fixtures'
import { appendText, clientIdOf, digestOf, openPresenter, openStudent, policyVersionOf, studentLinkOf, textOf, tileOf } from './classroomHelpers'

const SHOTS = '/tmp/shots-classroom'

// One browser, no signaling server: the presenter and its students are tabs that talk over
// BroadcastChannel, whose messages carry no sender of their own (the app tags them).
test('the teacher cuts a student off: its page says so, nothing crosses, Heal brings it back', async ({ context }) => {
  const room = uniqueRoom('cut')
  const presenter = await openPresenter(context, { room, signaling: '' })
  const link = await studentLinkOf(presenter)
  const a = await openStudent(context, link)
  const b = await openStudent(context, link)
  const idA = await clientIdOf(a)
  await expect(presenter.getByTestId('tile')).toHaveCount(3)
  await expect(presenter.getByTestId('room-verdict')).toHaveText(/A = A′ for all 3 replicas/)

  await presenter.getByRole('button', { name: /^Cut off / }).and(tileOf(presenter, idA).getByRole('button')).click()
  await expect(a.getByTestId('network-banner')).toContainText('The teacher has cut this replica off the network')
  await expect(b.getByTestId('network-banner')).toHaveCount(0)
  await expect.poll(() => policyVersionOf(b)).not.toBeNull()

  await appendText(a, 'A alone. ')
  await appendText(b, 'B with the class. ')
  await expect.poll(() => textOf(presenter)).toBe('B with the class. ')
  await expect(presenter.getByTestId('room-verdict')).toHaveText(/1 of 3 differ/, { timeout: 10_000 })
  await expect(tileOf(presenter, idA)).toHaveAttribute('data-verdict', 'differs')
  // The wall still sees the cut-off replica's state (awareness keeps flowing), and A has not received B's edit.
  expect(await textOf(a)).toBe('A alone. ')
  mkdirSync(SHOTS, { recursive: true })
  await presenter.screenshot({ path: `${SHOTS}/cut-presenter.png` })
  await a.screenshot({ path: `${SHOTS}/cut-student.png` })

  await presenter.getByRole('button', { name: 'Heal' }).click()
  await expect(a.getByTestId('network-banner')).toHaveCount(0)
  await expect(presenter.getByTestId('room-verdict')).toHaveText(/A = A′ for all 3 replicas/, { timeout: 10_000 })
  const texts = await Promise.all([a, b, presenter].map(textOf))
  expect(new Set(texts).size).toBe(1)
  expect(texts[0]).toContain('A alone. ')
  expect(texts[0]).toContain('B with the class. ')
})

test('forged, replayed and malformed control messages are refused and shown; no replica loses state', async ({ context }) => {
  const room = uniqueRoom('forged')
  const presenter = await openPresenter(context, { room, signaling: '' })
  const link = await studentLinkOf(presenter)
  const a = await openStudent(context, link)
  const mallory = await openStudent(context, link)
  await expect(presenter.getByTestId('tile')).toHaveCount(3)
  await appendText(a, 'kept')
  await expect.poll(() => textOf(mallory)).toBe('kept')

  // A valid split, then Heal: the split becomes an old message Mallory can replay.
  await presenter.getByRole('button', { name: 'Split the class in two' }).click()
  await expect.poll(() => policyVersionOf(a)).not.toBeNull()
  const oldSplit = await presenter.evaluate(() => (window as any).aprime.awareness.getLocalState().policy)
  await presenter.getByRole('button', { name: 'Heal' }).click()
  await expect.poll(() => policyVersionOf(a)).toBeGreaterThan(oldSplit.policy.version)
  const healedAt = await policyVersionOf(a)
  const digestBefore = await digestOf(a)

  // Forged: a newer version, everybody cut off, signed by no one (a made-up signature).
  const forged = { policy: { ...oldSplit.policy, version: Date.now() + 1e9, groups: [], cut: [await clientIdOf(a)] }, sig: 'ab'.repeat(64) }
  await mallory.evaluate((f) => (window as any).aprime.awareness.setLocalStateField('policy', f), forged)
  // Refused quietly on the students' pages (the inspector records it, no banner); the wall names who tried.
  await expect(a.getByTestId('refused-controls')).toContainText("signature does not match this room's teacher key")
  const malloryName = await mallory.evaluate(() => (window as any).aprime.store.getState().self.name as string)
  await expect(presenter.getByTestId('refused-from')).toContainText(`Refused network controls from ${malloryName}`)

  // Replayed: the old split, validly signed.
  await mallory.evaluate((f) => (window as any).aprime.awareness.setLocalStateField('policy', f), oldSplit)
  await expect(a.getByTestId('refused-controls')).toContainText(/not newer than version .* replayed/)

  // Malformed.
  await mallory.evaluate(() => (window as any).aprime.awareness.setLocalStateField('policy', { policy: { groups: 'everyone' }, sig: 42 }))
  await expect(a.getByTestId('refused-controls')).toContainText('it is malformed')
  await expect(a.getByRole('alert').filter({ hasText: /Refused/ })).toHaveCount(0)

  expect(await policyVersionOf(a)).toBe(healedAt)
  await expect(a.getByTestId('network-banner')).toHaveCount(0)
  expect(await digestOf(a)).toBe(digestBefore)
  expect(await textOf(a)).toBe('kept')
  await appendText(a, ' and still syncing')
  await expect.poll(() => textOf(presenter)).toBe('kept and still syncing')
})

test('a presenter link with a wrong secret is refused with a clear message; the wall still works', async ({ context }) => {
  const room = uniqueRoom('wrong-secret')
  const first = await openPresenter(context, { room, signaling: '' })
  const teacher = new URL(await studentLinkOf(first)).searchParams.get('teacher')!
  await first.close()
  const wrong = await openPresenter(context, `./?view=present&room=${room}&signaling=&teacher=${teacher}#key=${'1'.repeat(64)}`)
  await expect(wrong.getByRole('alert').filter({ hasText: "does not belong to this room's teacher key" }).first()).toBeVisible()
  await expect(wrong.getByRole('button', { name: 'Split the class in two' })).toBeDisabled()
  await expect(wrong.getByRole('button', { name: 'Heal' })).toBeDisabled()
  // Still a replica: it edits, and the key in its students' link is the room's, unchanged.
  await appendText(wrong, 'still a replica')
  expect(new URL(await studentLinkOf(wrong)).searchParams.get('teacher')).toBe(teacher)
  expect(wrong.url()).toContain(`#key=${'1'.repeat(64)}`)
})

test('a lossy, delayed network: the student page says so, and anti-entropy still makes every replica equal', async ({ context }) => {
  const room = uniqueRoom('lossy')
  const presenter = await openPresenter(context, { room, signaling: '' })
  const link = await studentLinkOf(presenter)
  const a = await openStudent(context, link)
  const b = await openStudent(context, link)
  await expect(presenter.getByTestId('tile')).toHaveCount(3)

  await presenter.getByRole('slider', { name: 'Loss' }).fill('50')
  await presenter.getByRole('slider', { name: 'Delay' }).fill('500')
  await expect(presenter.getByTestId('policy-summary')).toContainText('delay 0.5 s, loss 50%')
  await expect(a.getByTestId('network-banner')).toContainText('loses 50% of messages')
  await expect(a.getByTestId('network-banner')).toContainText('every link waits 0.5 s')

  for (let i = 0; i < 10; i++) {
    await appendText(i % 2 === 0 ? a : b, `${i}${i % 2 === 0 ? 'a' : 'b'} `)
  }
  // Half of all document messages are dropped; the periodic state-vector exchange repairs them.
  await expect
    .poll(async () => new Set(await Promise.all([a, b, presenter].map(digestOf))).size, { timeout: 30_000, intervals: [500] })
    .toBe(1)
  const text = await textOf(presenter)
  for (let i = 0; i < 10; i++) expect(text).toContain(`${i}${i % 2 === 0 ? 'a' : 'b'} `)
  const dropped = await a.evaluate(() => (window as any).aprime.gate.stats.dropped.loss as number)
  expect(dropped).toBeGreaterThan(0)
  await expect(presenter.getByTestId('room-verdict')).toHaveText(/A = A′ for all 3 replicas/, { timeout: 10_000 })
})

test('dragging tiles makes groups: a tile dropped on "+ New group" is split from the rest, dropped back it rejoins', async ({ context }) => {
  const room = uniqueRoom('drag')
  const presenter = await openPresenter(context, { room, signaling: '' })
  const link = await studentLinkOf(presenter)
  const a = await openStudent(context, link)
  const b = await openStudent(context, link)
  const idA = await clientIdOf(a)
  await expect(presenter.getByTestId('tile')).toHaveCount(3)
  await presenter.bringToFront()
  await tileOf(presenter, idA).dragTo(presenter.getByTestId('bucket-new'))
  await expect(presenter.getByTestId('bucket-1')).toContainText('Group 2 (1)')
  await expect(a.getByTestId('network-banner')).toContainText('you are in group 2 (1 replica)')
  await expect(b.getByTestId('network-banner')).toContainText('you are in group 1 (2 replicas)')
  await appendText(b, 'not for A')
  await expect.poll(() => textOf(presenter)).toBe('not for A')
  // Each group agrees inside itself (A alone is its own group 2); the groups differ, in plain words.
  const nameB = await b.evaluate(() => (window as any).aprime.store.getState().self.name as string)
  await expect(presenter.getByTestId('room-verdict')).toContainText('2 groups: A = A′ inside each; group 1 ≠ group 2', { timeout: 10_000 })
  await expect(presenter.getByTestId('room-verdict')).toContainText(`group 2 has not seen 9 of ${nameB}'s edits`)
  await expect(tileOf(presenter, idA)).toHaveAttribute('data-verdict', 'equal')
  expect(await textOf(a)).toBe('')

  await tileOf(presenter, idA).dragTo(presenter.getByTestId('bucket-0'))
  await expect(a.getByTestId('network-banner')).toHaveCount(0)
  await expect.poll(() => textOf(a)).toBe('not for A')
})

test('in a room with a password, anti-entropy messages are sealed like the rest: a lost edit is repaired', async ({ context }) => {
  const room = uniqueRoom('sealed')
  const a = await openStudent(context, `./?room=${room}&signaling=#password=class%20pw`)
  const b = await openStudent(context, `./?room=${room}&signaling=#password=class%20pw`)
  await expect(a.getByTestId('password-state')).toHaveAttribute('data-state', 'on')
  await expect.poll(() => a.evaluate(() => Object.keys((window as any).aprime.connection.getSnapshot().peers).length)).toBe(1)
  // B loses every document message for a moment (its gate, as a lossy policy would), then none.
  await b.evaluate(() => {
    const gate = (window as any).aprime.gate
    gate.setPolicy({ ...gate.policy, loss: { rate: 1, group: null } })
  })
  await appendText(a, 'lost on the way')
  await b.waitForTimeout(300)
  expect(await textOf(b)).toBe('')
  await b.evaluate(() => {
    const gate = (window as any).aprime.gate
    gate.setPolicy({ ...gate.policy, loss: { rate: 0, group: null } })
  })
  await expect.poll(() => textOf(b), { timeout: 10_000 }).toBe('lost on the way')
  await expect(a.getByTestId('password-mismatch')).toHaveCount(0)
  await expect(b.getByTestId('password-mismatch')).toHaveCount(0)
})
