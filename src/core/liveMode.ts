/** 'projector' (`?mode=projector`): verdict, text, counter and notes, large; no digests, log or tree. */
export type LiveMode = 'normal' | 'projector'

/** The live room's mode from a query string: `mode=projector`, else normal. */
export const parseLiveMode = (search: string): LiveMode => (new URLSearchParams(search).get('mode') === 'projector' ? 'projector' : 'normal')
