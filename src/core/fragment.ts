/**
 * The URL fragment as key=value pairs (URLSearchParams-style): `#password=…&key=…`. The fragment
 * never leaves the browser, so secrets live there (never in the query). Unknown keys are kept.
 */
export const fragmentParams = (hash: string): URLSearchParams => new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash)

/** `href` with fragment key `key` set to `value` (null or '' removes it); other keys and the query untouched. */
export const withFragmentParam = (href: string, key: string, value: string | null): string => {
  const url = new URL(href)
  const frag = fragmentParams(url.hash)
  if (value === null || value === '') frag.delete(key)
  else frag.set(key, value)
  const f = frag.toString()
  url.hash = f === '' ? '' : `#${f}`
  return url.href
}

/** The room password a link carries (`#password=…`), or null. */
export const passwordFromHash = (hash: string): string | null => {
  const p = fragmentParams(hash).get('password')
  return p === null || p === '' ? null : p
}
