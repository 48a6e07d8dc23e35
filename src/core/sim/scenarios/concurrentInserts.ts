import { sharedText } from '../../schema'
import { Simulation } from '../Simulation'
import type { Scenario } from './Scenario'

const WORDS = [' brave', ' new', ' big']

/** Three replicas type a word at the same position at the same moment. */
export const concurrentInserts: Scenario = {
  id: 'concurrent-inserts',
  title: 'Concurrent inserts at the same position',
  explanation: [
    'Three replicas start from "Hello world". At the same virtual moment each types a different word right after "Hello", before any of them has heard from the others.',
    'Each word arrives at the other replicas in a different order, yet all end with the same text. Yjs places concurrent inserts that share a left neighbour by their writers\' clientIDs (lower first), and every character keeps a pointer to the one typed before it, so a word typed in one go is never interleaved with another.',
  ],
  claim: 'All replicas show the same text; each word appears whole, the words ordered by their writers’ clientIDs.',
  settleAt: 1000,
  create: (seed = 7) =>
    new Simulation({
      seed,
      replicas: 3,
      initialText: 'Hello world',
      link: { latencyMs: 120, jitterMs: 60 },
      plan: WORDS.map((text, i) => ({ at: 100, action: { type: 'edit' as const, replica: i, edit: { type: 'insertText' as const, index: 5, text } } })),
    }),
  check: (sim) => {
    const texts = sim.replicas.map((r) => sharedText(r.doc).toString())
    const byClient = sim.replicas
      .slice(0, WORDS.length)
      .map((r, i) => ({ client: r.clientId, word: WORDS[i] }))
      .sort((a, b) => a.client - b.client)
    const expected = `Hello${byClient.map((w) => w.word).join('')} world`
    const ok = texts.every((t) => t === expected)
    return { ok, detail: ok ? `every replica shows "${expected}"` : `replicas show ${texts.map((t) => JSON.stringify(t)).join(', ')}, expected "${expected}"` }
  },
}
