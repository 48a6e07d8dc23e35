export type TraceErrorCode =
  | 'not-json'
  | 'compressed'
  | 'wrong-kind'
  | 'missing-field'
  | 'bad-field'
  | 'bad-parents'
  | 'out-of-range'
  | 'unsupported'

/**
 * A trace file that cannot be replayed, with a machine-readable `code` and the JSON `path` of the
 * offending part (for example `txns[12].patches[0]`), so the page can say exactly what is wrong.
 */
export class TraceFormatError extends Error {
  constructor(
    readonly code: TraceErrorCode,
    readonly path: string,
    detail: string,
  ) {
    super(path === '' ? detail : `${path}: ${detail}`)
    this.name = 'TraceFormatError'
  }
}
