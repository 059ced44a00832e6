// `npm start`: build the SPA when dist/web is missing or older than its sources, then serve.
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

const stale = !existsSync(BUILT) ||
  SOURCES.some((s) => existsSync(join(REPO, s)) && newestMtime(join(REPO, s)) > statSync(BUILT).mtimeMs)
if (stale) {
  console.log('Building the dashboard (vite build)…')
  execFileSync(process.execPath, [join(REPO, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: REPO, stdio: 'inherit' })
}
await import('./server')
