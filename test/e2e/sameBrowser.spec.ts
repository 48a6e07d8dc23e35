import { docText, expect, expectEqualVerdict, openLive, selfDigest, sharedText, test, toFront, uniqueRoom } from './fixtures'

// Two tabs of one browser context, no signaling server at all: they must converge over
// BroadcastChannel alone.
test('two tabs of one browser converge over BroadcastChannel with no server', async ({ context }) => {
  const room = uniqueRoom('same-browser')
  const a = await openLive(context, { room, signaling: '' })
  const b = await openLive(context, { room, signaling: '' })

  for (const p of [a, b]) {
    await expect(p.getByTestId('no-signaling')).toBeVisible()
    await expect(p.getByTestId('signaling-status')).toHaveCount(0)
    // Each sees the other as a peer reached by BroadcastChannel.
    await expect(p.locator('li[data-peer]')).toHaveCount(1)
    await expect(p.locator('li[data-peer]')).toContainText('reached by BroadcastChannel')
  }

  // Text typed in A appears in B, in the text area and in B's document.
  await toFront(a)
  await sharedText(a).click()
  await a.keyboard.type('hello from A')
  await expect(sharedText(b)).toHaveValue('hello from A')
  expect(await docText(b)).toBe('hello from A')

  // Counter: +1 in each tab gives 2 in both (each replica writes its own entry).
  await a.getByRole('button', { name: '+1', exact: true }).click()
  await toFront(b)
  await b.getByRole('button', { name: '+1', exact: true }).click()
  for (const p of [a, b]) await expect(p.getByLabel('Counter value')).toHaveText('2')

  // A note added (and written) in B appears in A.
  await b.getByRole('button', { name: '+ Add note' }).click()
  await expect(a.getByLabel('Note text')).toHaveCount(1)
  await b.getByLabel('Note text').fill('note from B')
  await expect(a.getByLabel('Note text')).toHaveValue('note from B')

  // The verdict holds in both, and the digests are the same.
  await expectEqualVerdict(a)
  await expectEqualVerdict(b)
  await expect.poll(async () => (await selfDigest(a)) !== '' && (await selfDigest(a)) === (await selfDigest(b))).toBe(true)
  expect(await selfDigest(a)).toMatch(/^[0-9a-f]{64}$/)
})

test('a plain Yjs + y-webrtc tab in the same browser reads our tabs and is read by them (our sender tag does not get in its way)', async ({ context }) => {
  const room = uniqueRoom('plain-tab')
  const a = await openLive(context, { room, signaling: '' })
  await toFront(a)
  await sharedText(a).fill('from our tab')
  // The benchmarks' bare page (bench/bare/): y-webrtc's BroadcastChannel only, no project code.
  const plain = await context.newPage()
  const errors: string[] = []
  plain.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  await plain.goto(`./plain-y-webrtc/?room=${encodeURIComponent(room)}`)
  const plainText = plain.getByLabel('Shared text')
  await expect(plainText).toHaveValue('from our tab')
  await plainText.press('End')
  await plainText.pressSequentially(', and from a plain tab')
  await expect(sharedText(a)).toHaveValue('from our tab, and from a plain tab')
  await toFront(a)
  await sharedText(a).press('End')
  await sharedText(a).pressSequentially('!')
  await expect(plainText).toHaveValue('from our tab, and from a plain tab!')
  // y-webrtc logs "Unable to compute message" for a post it cannot read: none here.
  expect(errors).toEqual([])
  await expect(a.getByRole('alert')).toHaveCount(0)
})
