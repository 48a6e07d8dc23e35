import type { TraceDecoder } from './decodeTrace'
import type { CompactTrace } from './traceCodec'

/** Decompresses, parses and checks in a Web Worker (parsing the 260k-edit trace takes ~0.7 s), one worker per file. */
export const decodeInWorker: TraceDecoder = (bytes) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./traceDecoder.worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = (e: MessageEvent<{ trace?: CompactTrace; error?: string }>) => {
      worker.terminate()
      if (e.data.trace !== undefined) resolve(e.data.trace)
      else reject(new Error(e.data.error ?? 'the trace could not be read'))
    }
    worker.onerror = (e) => {
      worker.terminate()
      reject(new Error(e.message || 'the trace reader failed'))
    }
    worker.postMessage(bytes, [bytes])
  })
