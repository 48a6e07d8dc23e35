import { afterEach, expect, test } from 'vitest'
import { tagBroadcastChannel, tagMessage, untagMessage } from '../../src/net/broadcastTag'

const undo: Array<() => void> = []
afterEach(() => {
  for (const u of undo.splice(0)) u()
})

/** Posts `message` on a channel named `room` and resolves with what another channel of that name hears. */
const roundTrip = (room: string, message: Uint8Array): Promise<unknown> =>
  new Promise((resolve) => {
    const rx = new BroadcastChannel(room)
    const tx = new BroadcastChannel(room)
    rx.onmessage = (e) => {
      rx.close()
      tx.close()
      resolve(e.data)
    }
    tx.postMessage(message)
  })

test('a post on the room channel while active is tagged with this tab, once', async () => {
  undo.push(tagBroadcastChannel('tag-room', 7, () => true))
  const heard = untagMessage(await roundTrip('tag-room', Uint8Array.of(0, 1, 2)))
  expect(heard.sender).toBe(7)
  expect([...(heard.payload as Uint8Array)]).toEqual([0, 1, 2])
})

test('a message tagged already (an awareness relay posted while y-webrtc reads) is not tagged again', async () => {
  undo.push(tagBroadcastChannel('tag-room-2', 7, () => true))
  const heard = untagMessage(await roundTrip('tag-room-2', tagMessage(7, Uint8Array.of(1, 5))))
  expect(heard.sender).toBe(7)
  expect([...(heard.payload as Uint8Array)]).toEqual([1, 5])
})

test('other channels and inactive moments are left alone', async () => {
  let active = false
  undo.push(tagBroadcastChannel('tag-room-3', 7, () => active))
  expect(untagMessage(await roundTrip('tag-room-3', Uint8Array.of(1))).sender).toBeNull()
  active = true
  expect(untagMessage(await roundTrip('another-room', Uint8Array.of(1))).sender).toBeNull()
})

test('the tag goes at the end, where a plain y-webrtc reader ignores it; clientIDs use all 32 bits', () => {
  const update = Uint8Array.of(0, 2, 3, 9, 8, 7)
  const tagged = tagMessage(0xfedcba98, update)
  expect([...tagged.subarray(0, update.length)]).toEqual([...update])
  const heard = untagMessage(tagged)
  expect(heard.sender).toBe(0xfedcba98)
  expect([...(heard.payload as Uint8Array)]).toEqual([...update])
})

test("an earlier build's tag in front is still read", () => {
  const legacy = Uint8Array.of(0xa5, 0x7a, 42, 0, 2, 1, 5)
  const heard = untagMessage(legacy)
  expect(heard.sender).toBe(42)
  expect([...(heard.payload as Uint8Array)]).toEqual([0, 2, 1, 5])
})
