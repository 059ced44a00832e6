// Seeds an empty, migrated database with a synthetic data preset. Deterministic: the same preset, seed and `now`
// give byte-identical tables (every time is derived from `now`, every draw from the seed). The meta row
// 'preset' is written last, so a database holds either a whole preset or, after a crash, no claim to one.
import type { Db } from '../store/db'
import type { Period } from './context'
import { createContext } from './context'
import { readSeedRegions } from './geodata'
import { GridSampler } from './grid-sampler'
import { buildDemo } from './presets/demo'
import { buildTaishun2020 } from './presets/taishun-2020'
import { SYNTHETIC_NOTE } from './synthetic-text'
import { SeedWriter, bulkPragmas } from './writer'

export const SEED_PRESETS = ['demo', 'taishun-2020'] as const
export type SeedPreset = (typeof SEED_PRESETS)[number]

/** The article's publication date: any fixed number would do. */
export const DEFAULT_SEED = 20201204

/** Above this many incidents the load commits in batches with the journal off (see writer.ts). */
const LARGE_BUILD = 200_000
const BATCH_ROWS = 50_000
const MAX_INCIDENTS = 20_000_000

export interface SeedOptions {
  readonly preset: SeedPreset
  /** Unsigned 32-bit; DEFAULT_SEED when absent. */
  readonly seed?: number
  /** Epoch ms: the demo's history runs up to it, and every status is cut at it. */
  readonly now: number
  /** Demo only: total incidents instead of the preset's own (~45–53k), keeping the same shape. */
  readonly incidents?: number
  /**
   * How rows are committed: 'atomic', one transaction (a crash leaves an empty database), or 'batched', a commit
   * every 50,000 rows with the journal off (for million-row builds). Default: batched above 200,000 incidents.
   * Either way the tables come out the same.
   */
  readonly load?: 'atomic' | 'batched'
}

export interface SeedSummary {
  readonly preset: SeedPreset
  readonly seed: number
  readonly now: number
  /** The half-open period the preset covers. */
  readonly period: Period
  /** Rows written per table, meta included. */
  readonly counts: Readonly<Record<string, number>>
  readonly elapsedMs: number
}

export class SeedError extends Error {}

const DATA_TABLES = ['incidents', 'disputes', 'sites', 'whistles', 'stationed_staff', 'flexible_posts', 'service_points', 'indicators'] as const

function check(db: Db, opts: SeedOptions): number {
  if (!SEED_PRESETS.includes(opts.preset)) throw new SeedError(`unknown preset "${String(opts.preset)}": use one of ${SEED_PRESETS.join(', ')}`)
  if (!Number.isSafeInteger(opts.now) || opts.now < 0) throw new SeedError(`now must be epoch milliseconds, got ${opts.now}`)
  const seed = opts.seed ?? DEFAULT_SEED
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new SeedError(`seed must be a whole number from 0 to 4294967295, got ${seed}`)
  if (opts.incidents !== undefined) {
    if (opts.preset !== 'demo') throw new SeedError(`the incident count is fixed by the article in the ${opts.preset} preset; --incidents applies to demo only`)
    if (!Number.isInteger(opts.incidents) || opts.incidents < 1 || opts.incidents > MAX_INCIDENTS) {
      throw new SeedError(`incidents must be a whole number from 1 to ${MAX_INCIDENTS}, got ${opts.incidents}`)
    }
  }
  const seeded = db.prepare("SELECT value FROM meta WHERE key = 'preset'").pluck().get() as string | undefined
  if (seeded !== undefined) throw new SeedError(`the database is already seeded with the "${seeded}" preset; seed a new file (or delete this one) instead`)
  for (const table of DATA_TABLES) {
    if (db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() !== undefined) {
      throw new SeedError(`table ${table} already has rows but no preset is recorded (an interrupted seed?); delete the database file and seed again`)
    }
  }
  return seed
}

export function seedDatabase(db: Db, opts: SeedOptions): SeedSummary {
  const started = performance.now()
  const seed = check(db, opts)
  const large = (opts.load ?? ((opts.incidents ?? 0) > LARGE_BUILD ? 'batched' : 'atomic')) === 'batched'
  const grids = new GridSampler(readSeedRegions())
  const pragmas = bulkPragmas(db, large)
  const writer = new SeedWriter(db, large ? BATCH_ROWS : Infinity)
  let period: Period
  try {
    const ctx = createContext({ now: opts.now, seed, grids, writer })
    period = opts.preset === 'demo' ? buildDemo(ctx, { incidents: opts.incidents }) : buildTaishun2020(ctx)
    const meta = writer.into('meta', ['key', 'value'])
    const rows: [string, string][] = [
      ['seed', String(seed)],
      ['generated_at', String(opts.now)],
      ['period_from', String(period.from)],
      ['period_to', String(period.to)],
      ['synthetic', SYNTHETIC_NOTE],
      ['preset', opts.preset],
    ]
    for (const row of rows) meta(row)
    writer.commit()
  } catch (err) {
    writer.rollback()
    throw err
  } finally {
    pragmas.restore()
  }
  // Statistics for the query planner, which picks township, grid or time indexes by them. Full, not sampled: a
  // sample of 1,000 rows per index put ~1,000 incidents in each township where the county seat holds half of them,
  // and the planner read the seat's 500,000 rows for a count another index answers from 60,000 (2 s against 0.2 s
  // at 1M incidents); the full ANALYZE of 1M takes ~1.7 s.
  db.exec('ANALYZE')
  return {
    preset: opts.preset, seed, now: opts.now, period,
    counts: Object.fromEntries(writer.counts), elapsedMs: Math.round(performance.now() - started),
  }
}
