// The built SPA (dist/web) is stale when dist/web/index.html is missing or older than a source of the build.
// `npm start` builds it then, before it serves; so does `npm run cluster`, before its replicas start (three
// replicas starting together would build it three times over one another).
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const REPO = join(import.meta.dirname, '..')
const BUILT = join(REPO, 'dist', 'web', 'index.html')
const SOURCES = ['web', 'domain', 'vite.config.ts', 'package-lock.json']

function newestMtime(path: string): number {
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  return readdirSync(path).reduce((m, name) => Math.max(m, newestMtime(join(path, name))), st.mtimeMs)
}

export function webIsStale(): boolean {
  return !existsSync(BUILT) ||
    SOURCES.some((s) => existsSync(join(REPO, s)) && newestMtime(join(REPO, s)) > statSync(BUILT).mtimeMs)
}

/** Builds the SPA when it is stale; true when it did. */
export function buildWebIfStale(log: (line: string) => void): boolean {
  if (!webIsStale()) return false
  log('Building the dashboard (vite build)…')
  execFileSync(process.execPath, [join(REPO, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: REPO, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  return true
}
