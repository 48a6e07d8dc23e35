import { expect, expectLiveReady, test, uniqueRoom } from './fixtures'
import { appendText, openPresenter, studentLinkOf, textOf } from './classroomHelpers'

const keysOf = (href: string) => {
  const url = new URL(href)
  return { teacher: url.searchParams.get('teacher'), key: new URLSearchParams(url.hash.slice(1)).get('key') }
}

test("the teacher's key is kept on the device: reopening the wall, or Present to a class, restores it", async ({ context }) => {
  const room = uniqueRoom('kept-key')
  const first = await openPresenter(context, { room, signaling: '' })
  await expect.poll(() => keysOf(first.url()).key).not.toBeNull()
  const made = keysOf(first.url())
  const link = await studentLinkOf(first)
  await expect(first.getByTestId('key-panel')).toContainText('This address is yours alone')
  await first.close()

  // The same room, opened again without the key in the address (typed, or through Back).
  const again = await openPresenter(context, { room, signaling: '', view: 'present' })
  await expect.poll(() => keysOf(again.url())).toEqual(made)
  expect(await studentLinkOf(again)).toBe(link)
  await expect(again.getByTestId('key-panel')).toContainText('Your key for this room, restored')
  await expect(again.getByRole('button', { name: 'Split the class in two' })).toBeEnabled()
  await again.close()

  // The teacher's own students' page (this device holds the key) offers the wall, which opens with the same key.
  const own = await context.newPage()
  await own.goto(link)
  await expectLiveReady(own)
  await own.getByRole('link', { name: 'Present to a class' }).click()
  await expect(own.getByTestId('room-verdict')).toBeVisible()
  await expect.poll(() => keysOf(own.url())).toEqual(made)
})

test("a student's page offers no teacher controls; a wall the student opens anyway warns, and its controls are refused quietly", async ({ browser }) => {
  const room = uniqueRoom('student-wall')
  const teacherCtx = await browser.newContext()
  const studentCtx = await browser.newContext()
  try {
    const wall = await openPresenter(teacherCtx, { room, signaling: '' })
    const link = await studentLinkOf(wall)
    const student = await studentCtx.newPage()
    await student.goto(link)
    await expectLiveReady(student)
    await expect(student.getByRole('navigation', { name: 'Views' })).toBeVisible()
    await expect(student.getByRole('link', { name: 'Present to a class' })).toHaveCount(0)

    const classmate = await studentCtx.newPage()
    await classmate.goto(link)
    await expectLiveReady(classmate)
    // The student types the wall's address by hand: a new key, and a replica here (the student's page) follows the teacher's.
    const prank = await openPresenter(studentCtx, { room, signaling: '' })
    await expect(prank.getByTestId('key-panel')).toContainText('2 replicas here follow another teacher key')
    await expect(prank.getByRole('button', { name: 'Split the class in two' })).toBeDisabled()
    await prank.getByRole('button', { name: "Take over with this wall's key" }).click()
    await expect(prank.getByTestId('key-panel')).toContainText('ask them to scan the code again')
    await prank.getByRole('button', { name: 'Split the class in two' }).click()

    // The student's page refuses it quietly: recorded in the inspector, no banner, no network change.
    await expect(student.getByTestId('refused-controls')).toContainText("signature does not match this room's teacher key")
    await expect(student.getByRole('alert')).toHaveCount(0)
    await expect(student.getByTestId('network-banner')).toHaveCount(0)
    await expect(classmate.getByRole('alert')).toHaveCount(0)
    // The classmates still reach each other (only the prank wall's own replica follows its split).
    await appendText(student, 'still together')
    await expect.poll(() => textOf(classmate)).toBe('still together')
  } finally {
    await teacherCtx.close()
    await studentCtx.close()
  }
})
