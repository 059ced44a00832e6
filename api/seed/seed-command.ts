// The seed command behind `npm run seed -- --preset demo --incidents 1000000 --db PATH|URL [--seed N] [--now ISO] [--force]`.
// Builds a seeded database, for benchmarks or to ship a fixed data set: a SQLite file, or a PostgreSQL database
// (a postgres:// URL in --db, or DATABASE_URL when --db is absent) that the store migrates first. It never
// overwrites a database that holds data unless told to with --force: on SQLite that deletes the file and its
// WAL; on PostgreSQL it empties the app's tables (postgres-tables.ts) and keeps the schema, its grants and the
// extensions, which an operator may have set up by hand. A function rather than top-level code, so tests run it
// in-process; cli.ts is the entry point.
import { rmSync, statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { localDate } from '../../domain/calendar'
import { ConfigError, parseDatabaseUrl } from '../config'
import { openStore } from '../store'
import type { Store } from '../store'
import { isPostgresUrl, redactUrl } from '../store/postgres-db'
import { DatabaseUnavailable } from '../store/unavailable'
import { emptyAppTables, tablesWithRows } from './postgres-tables'
import type { SeedPreset } from './seed'
import { DEFAULT_SEED, SEED_PRESETS, SeedError } from './seed'
import { seedStore } from './seed-store'

const USAGE = `usage: npm run seed -- --db PATH|URL [--preset demo|taishun-2020] [--incidents N] [--seed N] [--now ISO-8601] [--force]
  --db         the database to seed: a SQLite file to create, or a postgres:// URL (default: DATABASE_URL)
  --preset     data set (default demo)
  --incidents  demo only: total incidents, e.g. 1000000 for the benchmark (default: the preset's ~50,000)
  --seed       unsigned 32-bit seed (default ${DEFAULT_SEED}); the same seed and --now give the same database
  --now        the instant the data runs up to (default: the current time)
  --force      SQLite: delete an existing database file first; PostgreSQL: empty the app's tables first
               (TRUNCATE … RESTART IDENTITY; the schema and the extensions stay)`

class UsageError extends Error {}

function wholeNumber(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  const text = raw.replace(/[_,]/g, '')
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number, got "${raw}"`)
  return Number(text)
}

/** --db, else DATABASE_URL (checked as the server checks it), else the missing flag is the user's to fix. */
function location(flag: string | undefined, env: Record<string, string | undefined>): string {
  if (flag) return flag
  try {
    const url = parseDatabaseUrl(env.DATABASE_URL)
    if (url) return url
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message)
    throw err
  }
  throw new UsageError('--db PATH is required (or a postgres:// URL, or DATABASE_URL set): the database to seed')
}

function parse(argv: string[], env: Record<string, string | undefined>) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      db: { type: 'string' }, preset: { type: 'string' }, incidents: { type: 'string' }, seed: { type: 'string' },
      now: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return null
  const db = location(values.db, env)
  const preset = values.preset ?? 'demo'
  if (!SEED_PRESETS.includes(preset as SeedPreset)) throw new UsageError(`--preset "${preset}" is unknown: use one of ${SEED_PRESETS.join(', ')}`)
  const now = values.now === undefined ? Date.now() : Date.parse(values.now)
  if (!Number.isFinite(now)) throw new UsageError(`--now "${values.now}" is not a date: use ISO 8601, e.g. 2026-11-27T12:00:00+08:00`)
  return {
    db, preset: preset as SeedPreset, now, force: values.force ?? false,
    incidents: wholeNumber('--incidents', values.incidents), seed: wholeNumber('--seed', values.seed),
  }
}

/** The preset (or "data") the store already holds, or null when it is an empty migrated database. */
async function existingData(store: Store): Promise<string | null> {
  const preset = await store.meta.preset()
  if (preset) return `the "${preset}" preset`
  const native = store.native
  if (native.engine === 'postgres') {
    // Any row at all: the rows are copied in with their ids, so a leftover row would collide, not merge.
    const held = await tablesWithRows(native.client)
    return held.length ? `data (${held.map((h) => `${h.rows} rows in ${h.table}`).slice(0, 3).join(', ')})` : null
  }
  const rows = await store.sql.get<{ n: number }>('SELECT (SELECT count(*) FROM incidents) + (SELECT count(*) FROM sites) + (SELECT count(*) FROM meta) AS n')
  return rows!.n > 0 ? 'data' : null
}

/** How big the seeded database is, for the last line: the file, or the PostgreSQL database. */
async function sizeMb(store: Store, path: string): Promise<string> {
  const native = store.native
  if (native.engine === 'sqlite') {
    native.db.pragma('wal_checkpoint(TRUNCATE)')
    return (statSync(path).size / 1e6).toFixed(1)
  }
  const [row] = await native.client<{ bytes: number }[]>`SELECT pg_database_size(current_database()) AS bytes`
  return (row!.bytes / 1e6).toFixed(1)
}

export interface CommandIo {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
}

const CONSOLE: CommandIo = { out: (l) => console.log(l), err: (l) => console.error(l) }

async function build(argv: string[], io: CommandIo, env: Record<string, string | undefined>): Promise<void> {
  const args = parse(argv, env)
  if (!args) {
    io.out(USAGE)
    return
  }
  const postgres = isPostgresUrl(args.db)
  const where = postgres ? redactUrl(args.db) : args.db
  if (args.force && !postgres) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(args.db + suffix, { force: true })
  }
  const store = await openStore(args.db)
  try {
    if (!args.force) {
      const held = await existingData(store)
      if (held) throw new UsageError(`${where} already holds ${held}; pass --force to ${postgres ? 'empty its tables' : 'delete it'} and seed again`)
    } else if (store.native.engine === 'postgres') {
      const emptied = await emptyAppTables(store.native.client)
      io.out(`emptied ${emptied.length} tables of ${where} (--force)`)
    }
    io.out(`seeding ${where} with the ${args.preset} preset (now ${new Date(args.now).toISOString()})…`)
    const s = await seedStore(store, { preset: args.preset, now: args.now, seed: args.seed, incidents: args.incidents })
    // COPY leaves the planner without statistics until autovacuum comes round; the first queries should not wait.
    if (store.native.engine === 'postgres') await store.native.client`ANALYZE`
    io.out(`period ${localDate(s.period.from)} – ${localDate(s.period.to - 1)} (Asia/Shanghai), seed ${s.seed}`)
    const width = Math.max(...Object.keys(s.counts).map((k) => k.length))
    for (const [table, n] of Object.entries(s.counts)) io.out(`  ${table.padEnd(width)}  ${n.toLocaleString('en-US').padStart(11)}`)
    io.out(`done in ${(s.elapsedMs / 1000).toFixed(1)} s; ${where} is ${await sizeMb(store, args.db)} MB`)
  } finally {
    await store.close()
  }
}

/**
 * Runs the command; the exit code is 0, 2 for a bad flag or a refusal (the user's to fix), 1 for anything else.
 * `env` is where DATABASE_URL is read when --db is absent.
 */
export async function runSeedCommand(argv: string[], io: CommandIo = CONSOLE, env: Record<string, string | undefined> = process.env): Promise<number> {
  try {
    await build(argv, io, env)
    return 0
  } catch (err) {
    // A database that cannot be opened says what is wrong and how to fix it, in one line, as the server does.
    if (err instanceof DatabaseUnavailable) {
      io.err(`seed: ${err.message}`)
      return 1
    }
    const known = err instanceof UsageError || err instanceof SeedError ||
      (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
    // One line and the usage for those; the stack for a real failure.
    io.err(known ? `seed: ${(err as Error).message}\n\n${USAGE}` : String((err as Error).stack ?? err))
    return known ? 2 : 1
  }
}
