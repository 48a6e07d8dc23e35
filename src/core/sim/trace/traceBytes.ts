import { TraceFormatError } from './TraceFormatError'

/** Decompresses gzip bytes: zlib.gunzipSync in Node, DecompressionStream('gzip') in a browser. */
export type Gunzip = (bytes: Uint8Array) => Uint8Array | Promise<Uint8Array>

const asBytes = (input: Uint8Array | ArrayBuffer): Uint8Array => (input instanceof Uint8Array ? input : new Uint8Array(input))

/** Gzip files start with the magic bytes 1f 8b. */
export const isGzip = (input: Uint8Array | ArrayBuffer): boolean => {
  const b = asBytes(input)
  return b.byteLength >= 2 && b[0] === 0x1f && b[1] === 0x8b
}

/**
 * The JSON text of a trace file, gzipped or plain. Decompression is injected (core has no zlib
 * and no DOM): without `gunzip`, a gzipped file throws TraceFormatError('compressed').
 */
export const traceText = async (input: Uint8Array | ArrayBuffer, gunzip?: Gunzip): Promise<string> => {
  let bytes = asBytes(input)
  if (isGzip(bytes)) {
    if (gunzip === undefined) throw new TraceFormatError('compressed', '', 'the file is gzipped and no decompressor was given')
    try {
      bytes = await gunzip(bytes)
    } catch (e) {
      throw new TraceFormatError('compressed', '', `the file does not decompress: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  return new TextDecoder('utf-8').decode(bytes)
}

/** Synchronous variant, for a synchronous decompressor (Node's zlib.gunzipSync). */
export const traceTextSync = (input: Uint8Array | ArrayBuffer, gunzip?: (bytes: Uint8Array) => Uint8Array): string => {
  let bytes = asBytes(input)
  if (isGzip(bytes)) {
    if (gunzip === undefined) throw new TraceFormatError('compressed', '', 'the file is gzipped and no decompressor was given')
    try {
      bytes = gunzip(bytes)
    } catch (e) {
      throw new TraceFormatError('compressed', '', `the file does not decompress: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  return new TextDecoder('utf-8').decode(bytes)
}
