// Seeds a store on either engine with the same generator, so both hold the same rows for the same options.
// SQLite is written directly. PostgreSQL is filled in bulk: the generator (synchronous, built around SQLite's
// statements) writes a throw-away SQLite file, and every table is then copied across with COPY — far faster than
// a million single-row inserts over the network, and the rows, ids included, are the very same.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Store } from '../store'
import { openDatabase } from '../store/db'
import { copyToPostgres } from './copy-to-postgres'
import type { SeedOptions, SeedSummary } from './seed'
import { seedDatabase } from './seed'

export async function seedStore(store: Store, options: SeedOptions): Promise<SeedSummary> {
  const native = store.native
  if (native.engine === 'sqlite') return seedDatabase(native.db, options)
  const dir = mkdtempSync(join(tmpdir(), 'onemap-seed-'))
  const db = openDatabase(join(dir, 'seed.db'))
  try {
    const started = Date.now()
    const summary = seedDatabase(db, options)
    await copyToPostgres(db, native.client)
    return { ...summary, elapsedMs: Date.now() - started }
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
