/** Longest awareness state (its JSON) a peer may publish: a room of a thousand writers' state vectors fits. */
export const MAX_AWARENESS_STATE_CHARS = 64 * 1024
/** Deepest nesting of arrays and objects in a peer's awareness state (ours is 4 deep). */
export const MAX_AWARENESS_DEPTH = 16

/**
 * Why a peer's awareness state (the JSON string y-protocols carries) must not be stored or relayed,
 * or null when it may. Checked on the string, before it is parsed, without recursion: a 5,000-deep
 * array is refused in one linear pass, where y-protocols' `encodeAwarenessUpdate` would throw
 * "Maximum call stack size exceeded" in `JSON.stringify` each time it relayed the state.
 * Any transport that applies a peer's awareness (y-webrtc's, a relay) calls it on every state first.
 */
export const awarenessStateProblem = (json: string): string | null => {
  if (json.length > MAX_AWARENESS_STATE_CHARS)
    return `an awareness state of ${json.length} characters, over the limit of ${MAX_AWARENESS_STATE_CHARS}`
  let depth = 0
  let inString = false
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i)
    if (inString) {
      if (c === 92) i++ // backslash: skip the escaped character
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 91 || c === 123) {
      if (++depth > MAX_AWARENESS_DEPTH) return `an awareness state nested deeper than ${MAX_AWARENESS_DEPTH} levels`
    } else if (c === 93 || c === 125) depth--
  }
  return null
}
