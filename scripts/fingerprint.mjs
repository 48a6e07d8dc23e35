import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Every file under `dir`, sorted, so the fingerprint does not depend on the file system's order. */
const filesUnder = (dir) =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? filesUnder(path) : [path]
    })

/**
 * The code fingerprint: a content hash of the sources, the page and the locked dependencies.
 * Two builds of the same code get the same fingerprint on any machine; any change gives another.
 */
export const codeFingerprint = () => {
  const hash = createHash('sha256')
  for (const path of [...filesUnder('src'), 'index.html', 'package-lock.json']) {
    hash.update(path)
    hash.update(readFileSync(path))
  }
  return hash.digest('hex').slice(0, 12)
}

/** What a build depends on beyond the code: the build's own configuration and static files. */
export const buildFingerprint = (env = {}) => {
  const hash = createHash('sha256').update(codeFingerprint()).update(JSON.stringify(env))
  for (const path of ['vite.config.ts', ...(existsSync('public') ? filesUnder('public') : [])]) {
    hash.update(path)
    hash.update(readFileSync(path))
  }
  return hash.digest('hex').slice(0, 16)
}
