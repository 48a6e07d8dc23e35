import { fragmentParams } from '../../core/fragment'

/**
 * The classroom's links. The presenter's: `?view=present&room=…&teacher=<verifying key>#key=<secret>`
 * (the fragment is URLSearchParams-style, shared with `#password=…`, and never leaves the browser).
 * The students': the same query without `view`, and no fragment at all.
 */
export const presenterUrl = (href: string, teacherHex: string, secretHex: string | null): URL => {
  const url = new URL(href)
  url.searchParams.set('teacher', teacherHex)
  const frag = fragmentParams(url.hash)
  if (secretHex !== null) frag.set('key', secretHex)
  const f = frag.toString()
  url.hash = f === '' ? '' : `#${f}`
  return url
}

export const studentUrl = (href: string, teacherHex: string | null): string => {
  const url = new URL(href)
  url.searchParams.delete('view')
  if (teacherHex !== null) url.searchParams.set('teacher', teacherHex)
  url.hash = ''
  return url.href
}
