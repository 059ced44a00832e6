// Builds the SPA once before the suite, so browser tests run against what `npm start` serves.
// ONEMAP_SKIP_BUILD=1 skips it when running only non-browser tests during development.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

export default function setup() {
  if (process.env.ONEMAP_SKIP_BUILD === '1') return
  const repo = join(import.meta.dirname, '..')
  // Vitest sets NODE_ENV=test, and Vite would then bundle Vue's development code paths (its checks and warnings):
  // the production build is what `npm start` serves.
  execFileSync(process.execPath, [join(repo, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: repo, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
}
