import * as encoding from 'lib0/encoding'
import { MAX_DELAY_MS, MAX_GROUPS, MAX_LISTED, MAX_LOSS, type NetworkPolicy } from './NetworkPolicy'

/** A policy with its Ed25519 signature (hex), as it travels in the presenter's awareness state. */
export interface SignedPolicy {
  policy: NetworkPolicy
  sig: string
}

const DOMAIN = 'aprime/network-policy/1'

/**
 * The bytes that are signed: a fixed binary layout (lib0 encoding) of every field, prefixed by a
 * domain string, so that equal policies give equal bytes and a signature made for another room
 * or another purpose does not verify here.
 */
export const policyBytes = (p: NetworkPolicy): Uint8Array => {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, DOMAIN)
  encoding.writeVarString(e, p.room)
  encoding.writeFloat64(e, p.version)
  encoding.writeVarUint(e, p.groups.length)
  for (const g of p.groups) {
    encoding.writeVarUint(e, g.length)
    for (const id of g) encoding.writeVarUint(e, id)
  }
  encoding.writeVarUint(e, p.cut.length)
  for (const id of p.cut) encoding.writeVarUint(e, id)
  encoding.writeVarUint(e, p.delay.ms)
  encoding.writeVarInt(e, p.delay.group ?? -1)
  encoding.writeFloat64(e, p.loss.rate)
  encoding.writeVarInt(e, p.loss.group ?? -1)
  return encoding.toUint8Array(e)
}

export type ParsedPolicy = { ok: true; signed: SignedPolicy } | { ok: false; reason: string }

const isClientId = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0 && (x as number) <= 0xffffffff
const isGroupRef = (x: unknown, groups: number): x is number | null =>
  x === null || (Number.isSafeInteger(x) && (x as number) >= 0 && (x as number) < Math.max(groups, 1))

/**
 * Reads a signed policy from untrusted JSON (another replica's awareness). Anything that does not
 * fit exactly (types, ranges, a client in two groups, sizes) is refused with the reason; nothing
 * is coerced. The signature is not checked here (see `verifyPolicy` in policySignature.ts).
 */
export const parseSignedPolicy = (raw: unknown): ParsedPolicy => {
  const bad = (reason: string): ParsedPolicy => ({ ok: false, reason })
  if (typeof raw !== 'object' || raw === null) return bad('it is not an object')
  const r = raw as Record<string, unknown>
  if (typeof r.sig !== 'string' || !/^[0-9a-f]{128}$/.test(r.sig)) return bad('it has no well-formed signature')
  const p = r.policy as Record<string, unknown> | null
  if (typeof p !== 'object' || p === null) return bad('it has no policy')
  if (typeof p.room !== 'string' || p.room.length > 100) return bad('its room is not a room name')
  if (!Number.isSafeInteger(p.version) || (p.version as number) <= 0) return bad('its version is not a positive integer')
  const groups = p.groups
  if (!Array.isArray(groups) || groups.length > MAX_GROUPS) return bad(`its groups are not a list of at most ${MAX_GROUPS}`)
  const listed = new Set<number>()
  for (const g of groups) {
    if (!Array.isArray(g) || !g.every(isClientId)) return bad('a group is not a list of client ids')
    for (const id of g) {
      if (listed.has(id)) return bad(`replica ${id} is in two groups`)
      listed.add(id)
    }
  }
  const cut = p.cut
  if (!Array.isArray(cut) || !cut.every(isClientId)) return bad('its cut list is not a list of client ids')
  if (listed.size + cut.length > MAX_LISTED) return bad('it lists too many replicas')
  const delay = p.delay as Record<string, unknown> | null
  const loss = p.loss as Record<string, unknown> | null
  if (typeof delay !== 'object' || delay === null || !Number.isSafeInteger(delay.ms) || (delay.ms as number) < 0 || (delay.ms as number) > MAX_DELAY_MS)
    return bad(`its delay is not 0–${MAX_DELAY_MS} ms`)
  if (!isGroupRef(delay.group, groups.length)) return bad('its delay names no existing group')
  if (typeof loss !== 'object' || loss === null || typeof loss.rate !== 'number' || !(loss.rate >= 0 && loss.rate <= MAX_LOSS))
    return bad(`its loss is not 0–${MAX_LOSS * 100}%`)
  if (!isGroupRef(loss.group, groups.length)) return bad('its loss names no existing group')
  const policy: NetworkPolicy = {
    room: p.room,
    version: p.version as number,
    groups: groups.map((g: number[]) => [...g]),
    cut: [...(cut as number[])],
    delay: { ms: delay.ms as number, group: delay.group as number | null },
    loss: { rate: loss.rate, group: loss.group as number | null },
  }
  return { ok: true, signed: { policy, sig: r.sig } }
}
