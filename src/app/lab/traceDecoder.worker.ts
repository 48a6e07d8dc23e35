/**
 * Reads a trace file off the main thread: gunzip (DecompressionStream), JSON.parse and the
 * engine's checks take ~0.7 s for the 260k-edit trace, which would freeze the page. Message in:
 * the file's bytes (transferred); out: { trace } (a CompactTrace, arrays transferred) or { error }.
 */
import { decodeInPage, traceErrorText } from './decodeTrace'
import { transferList } from './traceCodec'

interface WorkerScope {
  onmessage: ((e: MessageEvent<ArrayBuffer>) => void) | null
  postMessage(message: unknown, transfer?: Transferable[]): void
}

const scope = globalThis as unknown as WorkerScope
const decode = decodeInPage()
scope.onmessage = async (e) => {
  try {
    const trace = await decode(e.data)
    scope.postMessage({ trace }, transferList(trace))
  } catch (err) {
    scope.postMessage({ error: traceErrorText(err) })
  }
}
