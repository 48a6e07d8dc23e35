import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { convergenceReport } from '../../src/core/sim/convergence'
import { messageData } from '../../src/core/sim/SimMessage'
import type { Simulation } from '../../src/core/sim/Simulation'
import { parseTrace, type Trace } from '../../src/core/sim/trace/parseTrace'
import { traceTextSync } from '../../src/core/sim/trace/traceBytes'

export const fixture = (name: string): Uint8Array => readFileSync(join(import.meta.dirname, '..', 'fixtures', name))

export const loadTrace = (name: string): Trace => parseTrace(traceTextSync(fixture(name), (b) => gunzipSync(b)))

/** The whole message log as JSON text: two runs are identical when these strings are. */
export const logText = (sim: Simulation): string => JSON.stringify(sim.log.messages.map(messageData))

export const digests = (sim: Simulation): string[] => sim.replicas.map((r) => r.digest())

export const report = (sim: Simulation) => convergenceReport(sim.replicas.map((r) => r.doc))
