// The seed command behind `npm run seed -- --preset demo --incidents 1000000 --db PATH [--seed N] [--now ISO] [--force]`.
// Builds a seeded database file, for benchmarks or to ship a fixed data set. It never overwrites a database
// that holds data unless told to with --force (which deletes the file and its WAL first). A function rather than
// top-level code, so tests run it in-process; cli.ts is the entry point.
import { existsSync, rmSync, statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { localDate } from '../../domain/calendar'
import { openDatabase, seededPreset } from '../store/db'
import type { SeedPreset } from './seed'
import { DEFAULT_SEED, SEED_PRESETS, SeedError, seedDatabase } from './seed'

const USAGE = `usage: npm run seed -- --db PATH [--preset demo|taishun-2020] [--incidents N] [--seed N] [--now ISO-8601] [--force]
  --db         database file to create (required)
  --preset     data set (default demo)
  --incidents  demo only: total incidents, e.g. 1000000 for the benchmark (default: the preset's ~50,000)
  --seed       unsigned 32-bit seed (default ${DEFAULT_SEED}); the same seed and --now give the same database
  --now        the instant the data runs up to (default: the current time)
  --force      delete an existing database file first`

class UsageError extends Error {}

function wholeNumber(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  const text = raw.replace(/[_,]/g, '')
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number, got "${raw}"`)
  return Number(text)
}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      db: { type: 'string' }, preset: { type: 'string' }, incidents: { type: 'string' }, seed: { type: 'string' },
      now: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return null
  if (!values.db) throw new UsageError('--db PATH is required: the database file to create')
  const preset = values.preset ?? 'demo'
  if (!SEED_PRESETS.includes(preset as SeedPreset)) throw new UsageError(`--preset "${preset}" is unknown: use one of ${SEED_PRESETS.join(', ')}`)
  const now = values.now === undefined ? Date.now() : Date.parse(values.now)
  if (!Number.isFinite(now)) throw new UsageError(`--now "${values.now}" is not a date: use ISO 8601, e.g. 2026-11-27T12:00:00+08:00`)
  return {
    db: values.db, preset: preset as SeedPreset, now, force: values.force ?? false,
    incidents: wholeNumber('--incidents', values.incidents), seed: wholeNumber('--seed', values.seed),
  }
}

/** The preset (or "data") an existing file holds, or null when it is missing or an empty migrated database. */
function existingData(path: string): string | null {
  if (!existsSync(path) || statSync(path).size === 0) return null
  const db = openDatabase(path)
  try {
    const preset = seededPreset(db)
    if (preset) return `the "${preset}" preset`
    const rows = db.prepare('SELECT (SELECT count(*) FROM incidents) + (SELECT count(*) FROM sites) + (SELECT count(*) FROM meta)').pluck().get() as number
    return rows > 0 ? 'data' : null
  } finally {
    db.close()
  }
}

export interface CommandIo {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
}

const CONSOLE: CommandIo = { out: (l) => console.log(l), err: (l) => console.error(l) }

function build(argv: string[], io: CommandIo): void {
  const args = parse(argv)
  if (!args) {
    io.out(USAGE)
    return
  }
  if (args.force) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(args.db + suffix, { force: true })
  } else {
    const held = existingData(args.db)
    if (held) throw new UsageError(`${args.db} already holds ${held}; pass --force to delete it and seed again`)
  }
  const db = openDatabase(args.db)
  try {
    io.out(`seeding ${args.db} with the ${args.preset} preset (now ${new Date(args.now).toISOString()})…`)
    const s = seedDatabase(db, { preset: args.preset, now: args.now, seed: args.seed, incidents: args.incidents })
    io.out(`period ${localDate(s.period.from)} – ${localDate(s.period.to - 1)} (Asia/Shanghai), seed ${s.seed}`)
    const width = Math.max(...Object.keys(s.counts).map((k) => k.length))
    for (const [table, n] of Object.entries(s.counts)) io.out(`  ${table.padEnd(width)}  ${n.toLocaleString('en-US').padStart(11)}`)
    db.pragma('wal_checkpoint(TRUNCATE)')
    const mb = (statSync(args.db).size / 1e6).toFixed(1)
    io.out(`done in ${(s.elapsedMs / 1000).toFixed(1)} s; ${args.db} is ${mb} MB`)
  } finally {
    db.close()
  }
}

/** Runs the command; the exit code is 0, 2 for a bad flag or a refusal (the user's to fix), 1 for anything else. */
export function runSeedCommand(argv: string[], io: CommandIo = CONSOLE): number {
  try {
    build(argv, io)
    return 0
  } catch (err) {
    const known = err instanceof UsageError || err instanceof SeedError ||
      (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
    // One line and the usage for those; the stack for a real failure.
    io.err(known ? `seed: ${(err as Error).message}\n\n${USAGE}` : String((err as Error).stack ?? err))
    return known ? 2 : 1
  }
}
