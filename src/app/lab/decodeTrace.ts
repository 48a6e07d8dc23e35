import { parseTrace, TraceFormatError, traceText } from '../../core/sim'
import { plainMessage } from '../../core/plainMessage'
import { type CompactTrace, encodeTrace } from './traceCodec'

/** Reads a trace file's bytes (gzipped or plain JSON) into a CompactTrace; rejects with a sentence saying what is wrong. */
export type TraceDecoder = (bytes: ArrayBuffer) => Promise<CompactTrace>

/** Gzip through the browser's DecompressionStream (the bytes were recognised by their magic 1f 8b). */
export const gunzipWithStreams = async (bytes: Uint8Array): Promise<Uint8Array> => {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'))
  try {
    return new Uint8Array(await new Response(stream).arrayBuffer())
  } catch {
    // The browser says "Failed to fetch" here: say what it means.
    throw new Error('it starts like a gzip file, but is damaged or not gzip at all')
  }
}

/** A sentence for the page, naming where in the file the problem is (unless the sentence already does). */
export const traceErrorText = (e: unknown): string => {
  if (e instanceof TraceFormatError) {
    const detail = e.path !== '' && e.message.startsWith(`${e.path}: `) ? e.message.slice(e.path.length + 2) : e.message
    const words = plainMessage(detail, 'The file is not an editing trace this lab reads.')
    return e.path === '' || words.includes(e.path) ? words : `${words} (at ${e.path})`
  }
  return plainMessage(e, 'The file could not be read as an editing trace (JSON, gzipped or not).')
}

/** Decompresses, parses and checks on this thread (tests; browsers without workers). */
export const decodeInPage = (gunzip = gunzipWithStreams): TraceDecoder => async (bytes) => {
  const text = await traceText(bytes, gunzip)
  return encodeTrace(parseTrace(text))
}
