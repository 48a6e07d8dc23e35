import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { docText, expect, openLive, sharedText, test, toFront, uniqueRoom } from './fixtures'

const TEXT = 'A paragraph the class wrote together, long enough to matter.'

test('a peer that deletes everything is flagged with who did it, then undone', async ({ context }) => {
  const room = uniqueRoom('hostile')
  const a = await openLive(context, { room, signaling: '' })
  const b = await openLive(context, { room, signaling: '' })
  await expect(a.locator('li[data-peer]')).toContainText('reached by BroadcastChannel')
  await toFront(a)
  await sharedText(a).click()
  await a.keyboard.type(TEXT)
  await a.getByRole('button', { name: '+ Add note' }).click()
  await a.getByLabel('Note text').fill('a note')
  await expect(sharedText(b)).toHaveValue(TEXT)
  await expect(b.getByLabel('Note text')).toHaveValue('a note')
  const bId = await b.evaluate(() => (window as any).aprime.doc.clientID as number)

  // B, hostile or broken, deletes everything in one transaction.
  await b.evaluate(() => {
    const doc = (window as any).aprime.doc
    doc.transact(() => {
      doc.getText('text').delete(0, doc.getText('text').length)
      doc.getMap('notes').clear()
    })
  })
  await expect(sharedText(a)).toHaveValue('')

  // A flags it: on B's card (with the undo), in the update log, and names B.
  const card = a.locator(`li[data-peer="${bId}"]`)
  await expect(card.getByTestId('peer-flags')).toContainText('Deleted most of the document')
  await expect(card.getByTestId('peer-flags')).toContainText('100%')
  await expect(a.locator('tr.log-flagged').first()).toContainText(`replica ${bId}`)
  await expect(a.getByRole('alert').filter({ hasText: 'deleted' }).first()).toContainText(`replica ${bId}`)

  await toFront(a)
  await card.getByRole('button', { name: 'Undo what this replica did' }).click()
  await expect(sharedText(a)).toHaveValue(TEXT)
  await expect(a.getByLabel('Note text')).toHaveValue('a note')
  // The undo is a change like any other: B receives it too.
  await expect(sharedText(b)).toHaveValue(TEXT)
  await expect(card.getByRole('button', { name: 'Undo what this replica did' })).toHaveCount(0)
})

test('"Restore this version" brings a kept version back, in every replica', async ({ context }) => {
  const room = uniqueRoom('restore')
  const a = await openLive(context, { room, signaling: '' })
  const b = await openLive(context, { room, signaling: '' })
  await toFront(a)
  // One change (a fill is one transaction), so the first kept version holds all of it.
  await sharedText(a).fill('version one')
  const versions = a.getByRole('list', { name: 'Versions' })
  await expect(versions.getByRole('listitem').first()).toContainText('11 characters, 0 notes', { timeout: 5000 })
  await toFront(b)
  await sharedText(b).focus()
  await b.keyboard.press('End')
  await b.keyboard.type(', then more')
  await expect(sharedText(a)).toHaveValue('version one, then more')
  await toFront(a)
  await versions.getByRole('listitem').filter({ hasText: '11 characters' }).getByRole('button', { name: 'Restore this version' }).click()
  await expect(sharedText(a)).toHaveValue('version one')
  await expect(sharedText(b)).toHaveValue('version one')
  expect(await docText(b)).toBe('version one')
})

/** A y-webrtc message as a plain array: its type, then (for a sync message) the sync step, then the payload. */
const message = (head: number[], payload: Uint8Array): number[] => {
  const e = encoding.createEncoder()
  for (const h of head) encoding.writeVarUint(e, h)
  encoding.writeVarUint8Array(e, payload)
  return Array.from(encoding.toUint8Array(e))
}

test('clocks from nowhere and a claimed identity are flagged with who did it, and change nothing', async ({ context }) => {
  const room = uniqueRoom('forged')
  const a = await openLive(context, { room, signaling: '' })
  const b = await openLive(context, { room, signaling: '' })
  await expect(a.locator('li[data-peer]')).toContainText('reached by BroadcastChannel')
  await toFront(a)
  await sharedText(a).click()
  await a.keyboard.type('kept')
  await expect(sharedText(b)).toHaveValue('kept')
  const aId = await a.evaluate(() => (window as any).aprime.doc.clientID as number)
  const bId = await b.evaluate(() => (window as any).aprime.doc.clientID as number)

  // B sends an update of its own writer starting 5,000 clocks past anything B has shown.
  const forged = new Y.Doc()
  forged.clientID = bId
  forged.getText('text').insert(0, 'x'.repeat(5000))
  const shown = Y.encodeStateVector(forged)
  forged.getText('text').insert(0, 'from nowhere')
  const farClock = message([0, 2], Y.encodeStateAsUpdate(forged, shown))
  await b.evaluate((bytes) => (window as any).aprime.connection.postRaw(new Uint8Array(bytes)), farClock)
  const card = a.locator(`li[data-peer="${bId}"]`)
  await expect(card.getByTestId('peer-flags')).toContainText('Clocks from nowhere')
  await expect(card.getByTestId('peer-flags')).toContainText('claims clock 5000')
  await expect(a.locator('tr.log-flagged').filter({ hasText: 'claims clock 5000' })).toHaveCount(1)
  // Refused whole: nothing of it is in A's document, not even as a pending update.
  expect(await docText(a)).toBe('kept')
  expect(await a.evaluate(() => (window as any).aprime.doc.store.pendingStructs)).toBeNull()

  // B sends awareness claiming A's client id (y-protocols' layout: count, id, clock, JSON state).
  const claim = encoding.createEncoder()
  encoding.writeVarUint(claim, 1)
  encoding.writeVarUint(claim, aId)
  encoding.writeVarUint(claim, 1_000_000)
  encoding.writeVarString(claim, JSON.stringify({ user: { name: 'Impostor', color: '#000000', joined: 0 } }))
  await b.evaluate((bytes) => (window as any).aprime.connection.postRaw(new Uint8Array(bytes)), message([1], encoding.toUint8Array(claim)))
  await expect(a.locator('tr.log-flagged').filter({ hasText: `claims to be this replica (client id ${aId})` })).toHaveCount(1)
  await expect(a.getByRole('alert').filter({ hasText: 'claims to be this replica' }).first()).toBeVisible()
  // A published itself again: it is still itself, for itself and for B.
  expect(await a.evaluate(() => (window as any).aprime.awareness.getLocalState()?.user?.name)).not.toBe('Impostor')
  await expect(b.locator(`li[data-peer="${aId}"]`)).not.toContainText('Impostor')
  expect(await docText(a)).toBe('kept')
})
