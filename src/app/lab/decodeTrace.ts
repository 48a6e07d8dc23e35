import { parseTrace, TraceFormatError, traceText } from '../../core/sim'
import { type CompactTrace, encodeTrace } from './traceCodec'

/** Reads a trace file's bytes (gzipped or plain JSON) into a CompactTrace; rejects with a sentence saying what is wrong. */
export type TraceDecoder = (bytes: ArrayBuffer) => Promise<CompactTrace>

/** Gzip through the browser's DecompressionStream (the bytes were recognised by their magic 1f 8b). */
export const gunzipWithStreams = async (bytes: Uint8Array): Promise<Uint8Array> => {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

/** A sentence for the page, naming where in the file the problem is (unless the sentence already does). */
export const traceErrorText = (e: unknown): string => {
  if (e instanceof TraceFormatError) {
    const detail = e.path !== '' && e.message.startsWith(`${e.path}: `) ? e.message.slice(e.path.length + 2) : e.message
    return e.path === '' || detail.includes(e.path) ? detail : `${detail} (at ${e.path})`
  }
  return e instanceof Error ? e.message : String(e)
}

/** Decompresses, parses and checks on this thread (tests; browsers without workers). */
export const decodeInPage = (gunzip = gunzipWithStreams): TraceDecoder => async (bytes) => {
  const text = await traceText(bytes, gunzip)
  return encodeTrace(parseTrace(text))
}
