// The benchmark databases: the demo preset at 10k, 100k and 1M incidents, built once with the seed's own
// seedDatabase() and reused while they still match the code that made them. A stale or half-built file is
// never trusted: reuse needs the sidecar's fingerprint (schema + seed + domain sources), the meta rows the seed
// writes last, and the exact incident count.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { seedDatabase } from '../api/seed/seed'
import { openDatabase } from '../api/store/db'
import { REPO } from './paths'

export interface Dataset {
  scale: number
  path: string
  /** The instant the data runs up to (meta generated_at): the bench server's clock is pinned to it. */
  now: number
  bytes: number
  /** Seconds the seed took, when this run built it; null when reused. */
  builtSeconds: number | null
}

interface Sidecar { fingerprint: string; incidents: number; now: number; seedSeconds: number }

/** Everything that changes what a seeded database holds. Editing any of it rebuilds the cache. */
const FINGERPRINT_SOURCES = ['api/seed', 'api/store/migrations.ts', 'domain']

function sourceFiles(path: string): string[] {
  const full = join(REPO, path)
  if (!statSync(full).isDirectory()) return [full]
  return readdirSync(full, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? sourceFiles(join(path, e.name)) : e.name.endsWith('.ts') ? [join(full, e.name)] : []))
}

export function fingerprint(): string {
  const hash = createHash('sha256')
  for (const file of FINGERPRINT_SOURCES.flatMap(sourceFiles)) hash.update(file.slice(REPO.length)).update(readFileSync(file))
  return hash.digest('hex').slice(0, 16)
}

const files = (dir: string, scale: number) => ({
  db: join(dir, `demo-${scale}.db`),
  sidecar: join(dir, `demo-${scale}.json`),
  building: join(dir, `demo-${scale}.building.db`),
})

function removeDb(path: string) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
}

/** The reusable database at this scale, or null (with the reason) when it has to be built. */
function reusable(dir: string, scale: number, print: string): { now: number } | string {
  const f = files(dir, scale)
  if (!existsSync(f.db) || !existsSync(f.sidecar)) return 'not built yet'
  const side = JSON.parse(readFileSync(f.sidecar, 'utf8')) as Partial<Sidecar>
  if (side.fingerprint !== print) return 'schema, seed or domain sources changed since it was built'
  const db = openDatabase(f.db)
  try {
    const meta = new Map((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]))
    if (meta.get('preset') !== 'demo') return 'meta has no demo preset (an interrupted build?)'
    const now = Number(meta.get('generated_at'))
    if (now !== side.now) return 'meta generated_at disagrees with the sidecar'
    const n = db.prepare('SELECT count(*) FROM incidents').pluck().get() as number
    if (n !== scale) return `holds ${n} incidents, not ${scale}`
    return { now }
  } finally {
    db.close()
  }
}

/** Builds into a scratch file and renames it when complete, so an interrupted build never looks reusable. */
function build(dir: string, scale: number, print: string, log: (line: string) => void): { now: number; seconds: number } {
  const f = files(dir, scale)
  removeDb(f.building)
  const now = Date.now()
  const db = openDatabase(f.building)
  let seconds: number
  try {
    const summary = seedDatabase(db, { preset: 'demo', now, incidents: scale })
    seconds = summary.elapsedMs / 1000
    // Fold the WAL into the file: the size we print is then the whole database, and a plain file copy of it
    // (the intake benchmark's scratch copy) is consistent.
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
  removeDb(f.db)
  renameSync(f.building, f.db)
  removeDb(f.building)
  const side: Sidecar = { fingerprint: print, incidents: scale, now, seedSeconds: seconds }
  writeFileSync(f.sidecar, `${JSON.stringify(side, null, 2)}\n`)
  log(`  built ${f.db} in ${seconds.toFixed(1)} s`)
  return { now, seconds }
}

export function ensureDataset(dir: string, scale: number, log: (line: string) => void): Dataset {
  mkdirSync(dir, { recursive: true })
  const print = fingerprint()
  const f = files(dir, scale)
  const found = reusable(dir, scale, print)
  let now: number
  let builtSeconds: number | null = null
  if (typeof found === 'string') {
    log(`  ${scale.toLocaleString('en-US')} incidents: building (${found})…`)
    const built = build(dir, scale, print, log)
    now = built.now
    builtSeconds = built.seconds
  } else {
    now = found.now
    log(`  ${scale.toLocaleString('en-US')} incidents: reusing ${f.db} (data up to ${new Date(now).toISOString()})`)
  }
  return { scale, path: f.db, now, bytes: statSync(f.db).size, builtSeconds }
}
